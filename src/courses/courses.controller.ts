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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import { Roles } from '../auth/guards/roles.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { CoursesService } from './courses.service.js';
import {
  CourseDto,
  CoursePageDto,
  CourseQueryDto,
  CreateCourseDto,
  EnrollmentDto,
  UpdateCourseDto,
} from './dto/course.dto.js';

@ApiTags('courses')
@ApiBearerAuth('bearer')
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  /** The catalogue: by difficulty, maximum duration, topic and words in the title or description. */
  @Get()
  list(@Query() query: CourseQueryDto): Promise<CoursePageDto> {
    return this.courses.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CourseDto> {
    return this.courses.get(id);
  }

  @Post()
  @Roles('admin')
  create(@Body() body: CreateCourseDto): Promise<CourseDto> {
    return this.courses.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCourseDto,
  ): Promise<CourseDto> {
    return this.courses.update(id, body);
  }

  /** Retires the course: gone from the catalogue, progress kept. */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  retire(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.courses.retire(id);
  }

  /** Enrols the caller (again is fine: nothing changes). */
  @Put(':id/enrollment')
  enroll(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnrollmentDto> {
    return this.courses.enroll(user.userId, id);
  }

  /** Marks one module finished for the caller. */
  @Put(':id/modules/:moduleId/completion')
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

  /** The caller's courses with their progress. */
  @Get()
  mine(@CurrentUser() user: AuthenticatedUser): Promise<EnrollmentDto[]> {
    return this.courses.myCourses(user.userId);
  }
}
