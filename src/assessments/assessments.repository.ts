import { Injectable } from '@nestjs/common';
import { type Cursor, newerThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AssessmentDefinition } from './assessment-definition.js';
import type { Instrument } from './instruments.js';
import { MAX_HISTORY, type RecommendationDto } from './dto/assessment.dto.js';

export interface StoredAssessment {
  id: string;
  assessmentType: string;
  title: string;
  questions: unknown;
  createdAt: Date;
}

const COLUMNS = {
  id: true,
  assessmentType: true,
  title: true,
  questions: true,
  createdAt: true,
} as const;

/**
 * Visible to a person: the shipped instruments (no author), their own custom assessments, and
 * those written by admins for everyone.
 */
const visibleTo = (userId: string): Prisma.WellnessAssessmentWhereInput => ({
  isActive: true,
  OR: [{ userId: null }, { userId }, { user: { role: 'admin' } }],
});

@Injectable()
export class AssessmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts or refreshes the shipped instruments under their fixed ids: safe at every start. */
  async seed(instruments: Instrument[]): Promise<void> {
    for (const instrument of instruments) {
      const data = {
        assessmentType: instrument.assessmentType,
        title: instrument.title,
        questions: instrument.definition as unknown as Prisma.InputJsonValue,
        isActive: true,
      };
      await this.prisma.wellnessAssessment.upsert({
        where: { id: instrument.id },
        create: { id: instrument.id, ...data },
        update: data,
      });
    }
  }

  /**
   * Oldest first, `limit + 1` rows. The shipped instruments are stored when the service first
   * starts, before anyone can write one, so they lead the list.
   */
  pageVisible(userId: string, limit: number, cursor?: Cursor): Promise<StoredAssessment[]> {
    return this.prisma.wellnessAssessment.findMany({
      // AND, not a spread: both are OR filters.
      where: { AND: [visibleTo(userId), newerThan(cursor)] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
      select: COLUMNS,
    });
  }

  findVisible(userId: string, id: string): Promise<StoredAssessment | null> {
    return this.prisma.wellnessAssessment.findFirst({
      where: { id, ...visibleTo(userId) },
      select: COLUMNS,
    });
  }

  createCustom(userId: string, title: string, definition: AssessmentDefinition) {
    return this.prisma.wellnessAssessment.create({
      data: {
        userId,
        assessmentType: 'custom',
        title,
        questions: definition as unknown as Prisma.InputJsonValue,
      },
      select: COLUMNS,
    });
  }

  saveResponse(data: {
    assessmentId: string;
    userId: string;
    answers: Record<string, number>;
    totalScore: number;
    categoryScores: Record<string, number>;
    recommendations: RecommendationDto[];
  }) {
    return this.prisma.assessmentResponse.create({
      data: {
        assessmentId: data.assessmentId,
        userId: data.userId,
        responses: data.answers,
        totalScore: data.totalScore,
        categoryScores: data.categoryScores,
        recommendations: data.recommendations as unknown as Prisma.InputJsonValue,
      },
    });
  }

  /** A response if it is `userId`'s, with its assessment's definition; null otherwise. */
  findOwnedResponse(userId: string, id: string) {
    return this.prisma.assessmentResponse.findFirst({
      where: { id, userId },
      include: { assessment: { select: { questions: true } } },
    });
  }

  history(userId: string, assessmentId: string) {
    return this.prisma.assessmentResponse.findMany({
      where: { userId, assessmentId },
      orderBy: { completedAt: 'desc' },
      take: MAX_HISTORY,
    });
  }

  /** Every response of the person, newest first, for their export. */
  responsesOf(userId: string) {
    return this.prisma.assessmentResponse.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      omit: { userId: true },
    });
  }
}
