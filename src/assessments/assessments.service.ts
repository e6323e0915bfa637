import {
  BadRequestException,
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import { RequestValidationException } from '../common/problem/validation.js';
import { PrismaService } from '../database/prisma.service.js';
import type { AssessmentDefinition } from './assessment-definition.js';
import { AssessmentsRepository, type StoredAssessment } from './assessments.repository.js';
import { UsersService } from '../auth/users.service.js';
import { CoursesService } from '../courses/courses.service.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { CrisisDirectory } from './crisis-resources.js';
import type {
  AssessmentDto,
  AssessmentPageDto,
  AssessmentResultDto,
  CreateAssessmentDto,
  RecommendationDto,
  ResponseHistoryDto,
} from './dto/assessment.dto.js';
import { RECOMMENDATIONS_PER_KIND } from './dto/assessment.dto.js';
import { INSTRUMENTS } from './instruments.js';
import { bandOf, definitionProblems, scoreResponse } from './scoring.js';

const NOT_FOUND = 'No such assessment.';

@Injectable()
export class AssessmentsService implements OnApplicationBootstrap {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly prisma: PrismaService,
    private readonly crisisLines: CrisisDirectory,
    private readonly users: UsersService,
    private readonly courses: CoursesService,
    private readonly therapists: TherapistsService,
  ) {}

  /** The standard instruments are part of the service: present in every database it serves. */
  async onApplicationBootstrap(): Promise<void> {
    await this.assessments.seed(INSTRUMENTS);
  }

  async list(userId: string, query: CursorQueryDto): Promise<AssessmentPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    return toPage(await this.assessments.pageVisible(userId, limit, cursor), limit, toDto);
  }

  async get(userId: string, id: string): Promise<AssessmentDto> {
    return toDto(await this.visible(userId, id));
  }

  async create(userId: string, input: CreateAssessmentDto): Promise<AssessmentDto> {
    const definition: AssessmentDefinition = { questions: input.questions, scoring: input.scoring };
    const problems = definitionProblems(definition);
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
    return toDto(await this.assessments.createCustom(userId, input.title, definition));
  }

  /**
   * Scores and stores one response. Crisis resources are answered to the person when the answers
   * call for them, and go nowhere else: not stored, not logged, not queued.
   */
  async respond(
    userId: string,
    id: string,
    answers: Record<string, unknown>,
  ): Promise<AssessmentResultDto> {
    const assessment = await this.visible(userId, id);
    const definition = assessment.questions as AssessmentDefinition;
    const result = scoreResponse(definition, answers);
    if (!result.ok) throw new RequestValidationException(result.errors);
    const { totalScore, categoryScores, band, crisis } = result.score;
    const recommendations = await this.recommend(definition.scoring.topic, band.level);
    const saved = await this.assessments.saveResponse({
      assessmentId: id,
      userId,
      answers: answers as Record<string, number>,
      totalScore,
      categoryScores,
      recommendations,
    });
    const country = crisis ? await this.users.countryOf(userId) : undefined;
    return {
      id: saved.id,
      totalScore,
      categoryScores,
      band: { label: band.label, level: band.level },
      recommendations,
      ...(crisis ? { crisisResources: this.crisisLines.for(country) } : {}),
      completedAt: saved.completedAt,
    };
  }

  async history(userId: string, id: string): Promise<ResponseHistoryDto> {
    const assessment = await this.visible(userId, id);
    const definition = assessment.questions as AssessmentDefinition;
    const rows = await this.assessments.history(userId, id);
    const items = rows.map((row) => toResult(definition, row));
    const change =
      items.length >= 2 ? items[0].totalScore - items[items.length - 1].totalScore : null;
    return { items, change };
  }

  /** One of the caller's responses; anyone else's answers 404. */
  async response(userId: string, responseId: string): Promise<AssessmentResultDto> {
    const row = await this.assessments.findOwnedResponse(userId, responseId);
    if (!row) throw new NotFoundException('No such response.');
    return toResult(row.assessment.questions as unknown as AssessmentDefinition, row);
  }

  private async visible(userId: string, id: string): Promise<StoredAssessment> {
    const assessment = await this.assessments.findVisible(userId, id);
    if (!assessment) throw new NotFoundException(NOT_FOUND);
    return assessment;
  }

  /** Everything the person answered, for their export. */
  exportAll(userId: string) {
    return this.assessments.responsesOf(userId);
  }

  /**
   * Courses on the topic at a difficulty suited to the level and, from a moderate level on,
   * therapists with that specialization.
   */
  private async recommend(topic: string, level: string): Promise<RecommendationDto[]> {
    const difficulties =
      level === 'none' || level === 'mild' ? ['beginner'] : ['beginner', 'intermediate'];
    const [courses, therapists] = await Promise.all([
      this.courses.about(topic, difficulties, RECOMMENDATIONS_PER_KIND),
      level === 'moderate' || level === 'severe'
        ? this.therapists.specialisingIn(topic, RECOMMENDATIONS_PER_KIND)
        : [],
    ]);
    return [
      ...courses.map((course) => ({ kind: 'course' as const, id: course.id, title: course.title })),
      ...therapists.map((therapist) => ({
        kind: 'therapist' as const,
        id: therapist.id,
        title: therapist.name,
      })),
    ];
  }
}

function toResult(
  definition: AssessmentDefinition,
  row: {
    id: string;
    totalScore: number;
    categoryScores: unknown;
    recommendations: unknown;
    completedAt: Date;
  },
): AssessmentResultDto {
  const band = bandOf(definition, row.totalScore);
  return {
    id: row.id,
    totalScore: row.totalScore,
    categoryScores: row.categoryScores as Record<string, number>,
    band: { label: band.label, level: band.level },
    recommendations: row.recommendations as RecommendationDto[],
    completedAt: row.completedAt,
  };
}

function toDto(row: StoredAssessment): AssessmentDto {
  return {
    id: row.id,
    assessmentType: row.assessmentType,
    title: row.title,
    definition: row.questions as AssessmentDto['definition'],
  };
}
