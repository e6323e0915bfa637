import {
  BadRequestException,
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import { STARTER_CATALOGUE } from './catalogue.js';
import { CoursesRepository } from './courses.repository.js';
import type {
  CourseDto,
  CourseModuleDto,
  CoursePageDto,
  CourseQueryDto,
  CreateCourseDto,
  EnrollmentDto,
  EnrollmentPageDto,
  UpdateCourseDto,
} from './dto/course.dto.js';

const NOT_FOUND = 'No such course.';

type StoredCourse = NonNullable<Awaited<ReturnType<CoursesRepository['find']>>>;

@Injectable()
export class CoursesService implements OnApplicationBootstrap {
  constructor(private readonly courses: CoursesRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.courses.seed(STARTER_CATALOGUE);
  }

  async list(query: CourseQueryDto): Promise<CoursePageDto> {
    const limit = query.limit ?? 20;
    const rows = await this.courses.page(limit, {
      difficulty: query.difficulty,
      maxDuration: query.maxDuration,
      topic: query.topic,
      q: query.q,
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    return toPage(rows, limit, toDto);
  }

  async get(id: string): Promise<CourseDto> {
    return toDto(await this.existing(id));
  }

  async create(input: CreateCourseDto): Promise<CourseDto> {
    assertUniqueModuleIds(input.modules);
    return toDto(await this.courses.create(input));
  }

  async update(id: string, input: UpdateCourseDto): Promise<CourseDto> {
    if (input.modules) assertUniqueModuleIds(input.modules);
    const updated = await this.courses.update(id, input);
    if (!updated) throw new NotFoundException(NOT_FOUND);
    return toDto(updated);
  }

  /** Takes the course out of the catalogue; people enrolled keep their progress. */
  async retire(id: string): Promise<void> {
    if (!(await this.courses.retire(id))) throw new NotFoundException(NOT_FOUND);
  }

  async enroll(userId: string, courseId: string): Promise<EnrollmentDto> {
    const course = await this.existing(courseId);
    if (course.retiredAt) throw new NotFoundException(NOT_FOUND);
    await this.courses.enroll(userId, courseId);
    return this.enrollmentOf(userId, courseId);
  }

  /** Marks one module finished; the course is complete when every module is. */
  async completeModule(userId: string, courseId: string, moduleId: string): Promise<EnrollmentDto> {
    const course = await this.existing(courseId);
    const enrollment = await this.courses.findEnrollment(userId, courseId);
    if (!enrollment) throw new NotFoundException('You are not enrolled in this course.');
    const modules = modulesOf(course);
    if (!modules.some((module) => module.id === moduleId))
      throw new NotFoundException('No such module in this course.');
    const done = await this.courses.markModuleDone(enrollment.id, moduleId);
    if (modules.every((module) => done.includes(module.id)))
      await this.courses.markCompleted(enrollment.id);
    return this.enrollmentOf(userId, courseId);
  }

  async myCourses(userId: string, query: CursorQueryDto): Promise<EnrollmentPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.courses.enrollmentPage(userId, limit, cursor);
    return toPage(rows, limit, (row) => toEnrollmentDto(row, row.course));
  }

  private async enrollmentOf(userId: string, courseId: string): Promise<EnrollmentDto> {
    const row = await this.courses.findEnrollment(userId, courseId);
    if (!row) throw new NotFoundException('You are not enrolled in this course.');
    return toEnrollmentDto(row, row.course);
  }

  private async existing(id: string): Promise<StoredCourse> {
    const course = await this.courses.find(id);
    if (!course) throw new NotFoundException(NOT_FOUND);
    return course;
  }

  /** The person's enrolments and progress, for their export. */
  exportAll(userId: string) {
    return this.courses.enrollmentsOf(userId);
  }

  /** Up to `limit` courses on a topic at these difficulties, shortest first (recommendations). */
  about(
    topic: string,
    difficulties: string[],
    limit: number,
  ): Promise<{ id: string; title: string }[]> {
    return this.courses.about(topic, difficulties, limit);
  }
}

function assertUniqueModuleIds(modules: CourseModuleDto[]): void {
  const ids = modules.map((module) => module.id);
  if (new Set(ids).size !== ids.length)
    throw new BadRequestException('Module ids must be unique within a course.');
}

const modulesOf = (course: { modules: unknown }) => (course.modules ?? []) as CourseModuleDto[];

function toDto(course: StoredCourse): CourseDto {
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    difficulty: course.difficulty,
    topic: course.topic,
    durationMinutes: course.durationMinutes,
    thumbnailUrl: course.thumbnailUrl,
    modules: modulesOf(course),
    retiredAt: course.retiredAt,
    createdAt: course.createdAt,
  };
}

function toEnrollmentDto(
  row: { courseId: string; completedModules: unknown; completedAt: Date | null; createdAt: Date },
  course: { title: string; modules: unknown },
): EnrollmentDto {
  const modules = modulesOf(course);
  const total = modules.length;
  // Only the course's modules as it is now: ids an edit removed no longer count as progress.
  const completedModules = (row.completedModules as string[]).filter((id) =>
    modules.some((module) => module.id === id),
  );
  return {
    courseId: row.courseId,
    title: course.title,
    completedModules,
    totalModules: total,
    percentComplete: total === 0 ? 0 : Math.round((completedModules.length / total) * 100),
    completedAt: row.completedAt,
    enrolledAt: row.createdAt,
  };
}
