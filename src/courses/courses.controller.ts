import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import { Roles } from '../auth/guards/roles.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { CursorQueryDto } from '../common/pagination/page.dto.js';
import { CoursesService } from './courses.service.js';
import {
  CourseDto,
  CoursePageDto,
  CourseQueryDto,
  CreateCourseDto,
  EnrollmentDto,
  EnrollmentPageDto,
  MODULE_ID_SCHEMA,
  UpdateCourseDto,
} from './dto/course.dto.js';

@ApiTags('courses')
@ApiBearerAuth('bearer')
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  /**
   * The course catalogue.
   *
   * @remarks
   * For any signed-in person. Newest first, retired courses left out; filtered by difficulty,
   * maximum duration, topic and words in the title or description, paged with `limit` and `cursor`.
   */
  @Get()
  list(@Query() query: CourseQueryDto): Promise<CoursePageDto> {
    return this.courses.list(query);
  }

  /**
   * One course, with its modules.
   *
   * @remarks
   * For any signed-in person. A retired course still answers, with `retiredAt` set, but cannot be
   * enrolled in.
   */
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CourseDto> {
    return this.courses.get(id);
  }

  /**
   * Adds a course to the catalogue.
   *
   * @remarks
   * Platform admins only. Module ids must be unique within the course (400); the course's duration
   * is the sum of its modules'.
   */
  @Post()
  @Roles('admin')
  create(@Body() body: CreateCourseDto): Promise<CourseDto> {
    return this.courses.create(body);
  }

  /**
   * Changes a course.
   *
   * @remarks
   * Platform admins only. Only the fields sent change; `modules` replaces the list, with ids unique
   * within the course (400).
   */
  @Patch(':id')
  @Roles('admin')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCourseDto,
  ): Promise<CourseDto> {
    return this.courses.update(id, body);
  }

  /**
   * Retires the course: gone from the catalogue, progress kept.
   *
   * @remarks
   * Platform admins only. No one can enrol any more; people already enrolled keep their progress. A
   * course already retired answers 404.
   */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  retire(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.courses.retire(id);
  }

  /**
   * Enrols the caller in a course.
   *
   * @remarks
   * Enrolling again changes nothing and answers the same progress. A retired or unknown course
   * answers 404.
   */
  @Put(':id/enrollment')
  enroll(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnrollmentDto> {
    return this.courses.enroll(user.userId, id);
  }

  /**
   * Marks one module finished for the caller.
   *
   * @remarks
   * Needs an enrolment (404 otherwise); marking it again changes nothing. When every module is
   * finished, the course is marked complete. Answers the caller's progress.
   */
  @Put(':id/modules/:moduleId/completion')
  @ApiParam({ name: 'moduleId', schema: MODULE_ID_SCHEMA })
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('moduleId') moduleId: string,
  ): Promise<EnrollmentDto> {
    return this.courses.completeModule(user.userId, id, moduleId);
  }
}

@ApiTags('courses')
@ApiBearerAuth('bearer')
@Controller('me/courses')
export class MyCoursesController {
  constructor(private readonly courses: CoursesService) {}

  /**
   * The caller's courses with their progress.
   *
   * @remarks
   * Every course the caller enrolled in, latest enrolment first, retired courses included; paged
   * with `limit` and `cursor`.
   */
  @Get()
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<EnrollmentPageDto> {
    return this.courses.myCourses(user.userId, query);
  }
}
