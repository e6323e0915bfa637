import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { CourseModuleDto } from './dto/course.dto.js';

export interface CourseFilter {
  difficulty?: string;
  maxDuration?: number;
  topic?: string;
  q?: string;
  cursor?: Cursor;
}

export interface CourseWrite {
  title?: string;
  description?: string;
  difficulty?: string;
  topic?: string;
  thumbnailUrl?: string;
  modules?: CourseModuleDto[];
}

/** A course's duration is the sum of its modules': derived, never entered twice. */
function withDuration(data: CourseWrite) {
  const { modules, ...rest } = data;
  if (!modules) return rest;
  return {
    ...rest,
    modules: modules as unknown as Prisma.InputJsonValue,
    durationMinutes: modules.reduce((total, module) => total + module.durationMinutes, 0),
  };
}

@Injectable()
export class CoursesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async seed(
    courses: Array<
      Required<Pick<CourseWrite, 'title' | 'description' | 'difficulty' | 'topic' | 'modules'>> & {
        id: string;
      }
    >,
  ) {
    for (const { id, ...course } of courses) {
      const data = withDuration(course) as Prisma.CourseCreateInput;
      // Created once; an admin's later edits to a shipped course are kept.
      await this.prisma.course.upsert({ where: { id }, create: { id, ...data }, update: {} });
    }
  }

  /** The live catalogue, newest first, `limit + 1` rows. */
  page(limit: number, filter: CourseFilter) {
    const mention = filter.q ? { contains: filter.q, mode: 'insensitive' as const } : undefined;
    return this.prisma.course.findMany({
      where: {
        retiredAt: null,
        difficulty: filter.difficulty,
        topic: filter.topic,
        durationMinutes: filter.maxDuration ? { lte: filter.maxDuration } : undefined,
        ...(mention ? { AND: [{ OR: [{ title: mention }, { description: mention }] }] } : {}),
        ...olderThan(filter.cursor),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
  }

  find(id: string) {
    return this.prisma.course.findUnique({ where: { id } });
  }

  create(
    data: Required<
      Pick<CourseWrite, 'title' | 'description' | 'difficulty' | 'topic' | 'modules'>
    > &
      CourseWrite,
  ) {
    return this.prisma.course.create({ data: withDuration(data) as Prisma.CourseCreateInput });
  }

  async update(id: string, data: CourseWrite) {
    const { count } = await this.prisma.course.updateMany({
      where: { id },
      data: withDuration(data),
    });
    return count === 0 ? null : this.find(id);
  }

  async retire(id: string): Promise<boolean> {
    const { count } = await this.prisma.course.updateMany({
      where: { id, retiredAt: null },
      data: { retiredAt: new Date() },
    });
    return count === 1;
  }

  enroll(userId: string, courseId: string) {
    return this.prisma.courseEnrollment.upsert({
      where: { userId_courseId: { userId, courseId } },
      create: { userId, courseId },
      update: {},
    });
  }

  findEnrollment(userId: string, courseId: string) {
    return this.prisma.courseEnrollment.findUnique({
      where: { userId_courseId: { userId, courseId } },
      include: { course: { select: { title: true, modules: true } } },
    });
  }

  /** Adds a finished module atomically (two devices finishing modules at once lose nothing). */
  async markModuleDone(id: string, moduleId: string): Promise<string[]> {
    const [row] = await this.prisma.$queryRaw<Array<{ completed_modules: string[] }>>`
      UPDATE course_enrollments
         SET completed_modules = CASE WHEN completed_modules ? ${moduleId}
                                      THEN completed_modules
                                      ELSE completed_modules || jsonb_build_array(${moduleId}::text) END,
             updated_at = now()
       WHERE id = ${id}::uuid
      RETURNING completed_modules`;
    return row.completed_modules;
  }

  async markCompleted(id: string): Promise<void> {
    await this.prisma.courseEnrollment.updateMany({
      where: { id, completedAt: null },
      data: { completedAt: new Date() },
    });
  }

  /** Latest enrolment first, `limit + 1` rows. */
  enrollmentPage(userId: string, limit: number, cursor?: Cursor) {
    return this.prisma.courseEnrollment.findMany({
      where: { userId, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      include: { course: { select: { title: true, modules: true } } },
    });
  }

  /** The person's enrolments, newest first, for their export. */
  enrollmentsOf(userId: string) {
    return this.prisma.courseEnrollment.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      omit: { userId: true },
    });
  }

  /** Courses whose title or description mention the topic, shortest first. */
  about(topic: string, difficulties: string[], limit: number) {
    const mention = { contains: topic, mode: 'insensitive' as const };
    return this.prisma.course.findMany({
      where: {
        difficulty: { in: difficulties },
        OR: [{ title: mention }, { description: mention }],
      },
      orderBy: { durationMinutes: 'asc' },
      take: limit,
      select: { id: true, title: true },
    });
  }
}
