import { ApiProperty, PickType } from '@nestjs/swagger';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { DEPARTMENT_MAX_LENGTH } from '../../orgs/dto/org.dto.js';
import { SUPPRESSION_REASONS, type SuppressionReason } from '../department-breakdown.js';
import { SUPPRESSED_REASON_MAX_LENGTH } from '../group-privacy.js';
import { TREND_WEEKS } from '../dashboard.sql.js';

export class WellnessTrendPointDto {
  /** Monday of the ISO week (UTC), YYYY-MM-DD. */
  @ApiProperty({ format: 'date', example: '2026-11-16' })
  weekStart!: string;

  /** The score of the week's last snapshot; null if it was below the privacy threshold. */
  @ApiProperty({ nullable: true, minimum: 0, maximum: 100, example: 68.4 })
  wellnessScore!: number | null;
}

export class DashboardParticipationDto {
  /** Active members (membership not ended). */
  @ApiProperty({ example: 240 })
  members!: number;

  /**
   * Members who logged a mood in the last 30 days; null when some but fewer than minGroupSize
   * did (it would single out the few who use the service).
   */
  @ApiProperty({ nullable: true, example: 151 })
  activeLast30Days!: number | null;

  /** activeLast30Days / members, 0..1. */
  @ApiProperty({ nullable: true, minimum: 0, maximum: 1, example: 0.629 })
  rate!: number | null;

  /** Why activeLast30Days and rate are withheld, when they are. */
  @ApiProperty({
    type: 'string',
    nullable: true,
    maxLength: SUPPRESSED_REASON_MAX_LENGTH,
    example: null,
  })
  suppressedReason!: string | null;
}

export class DepartmentWellnessDto {
  /** The department, or "Other" for the pool of departments too small to show alone. */
  @ApiProperty({ example: 'Engineering', maxLength: DEPARTMENT_MAX_LENGTH })
  department!: string;

  @ApiProperty({ example: 64 })
  members!: number;

  /** At least minGroupSize. */
  @ApiProperty({ example: 41 })
  activeLast30Days!: number;

  /** Mean over the active members of each one's mean mood in the last 30 days, 0..100. */
  @ApiProperty({ minimum: 0, maximum: 100, example: 63.2 })
  moodMean!: number;

  /** true for "Other", the pool of several smaller departments. */
  @ApiProperty({ example: false })
  merged!: boolean;
}

export class SuppressedDepartmentDto {
  /** null: the members without a department. */
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'Legal',
    maxLength: DEPARTMENT_MAX_LENGTH,
  })
  department!: string | null;

  /**
   * below-min-group-size: fewer than minGroupSize members logged a mood;
   * protects-smaller-groups: withheld so that a smaller department cannot be worked out as the
   * organisation's totals minus the departments shown; no-department: members without one.
   */
  @ApiProperty({ enum: SUPPRESSION_REASONS, example: 'below-min-group-size' })
  reason!: SuppressionReason;

  /** Whether its members are counted in the "Other" row. */
  @ApiProperty({ example: true })
  countedInOther!: boolean;
}

export class OrgDashboardDto {
  @ApiProperty({ format: 'uuid' })
  orgId!: string;

  /** 0..100, see the README's "Organisation wellness score"; null below the privacy threshold. */
  @ApiProperty({ nullable: true, minimum: 0, maximum: 100, example: 67.9 })
  wellnessScore!: number | null;

  /** When the score was last computed; null before the first computation. */
  @ApiProperty({ nullable: true, format: 'date-time' })
  computedAt!: Date | null;

  /** Groups smaller than this are never shown. */
  @ApiProperty({ example: 5 })
  minGroupSize!: number;

  /** Up to the last 12 weeks, oldest first; weeks without a snapshot are left out. */
  @ApiProperty({ type: [WellnessTrendPointDto], maxItems: TREND_WEEKS })
  trend!: WellnessTrendPointDto[];

  participation!: DashboardParticipationDto;

  /** Departments with at least minGroupSize active members, then "Other" when it may be shown. */
  @ApiProperty({ type: [DepartmentWellnessDto] })
  departments!: DepartmentWellnessDto[];

  /** Departments whose figures are not shown on their own, and why. */
  @ApiProperty({ type: [SuppressedDepartmentDto] })
  suppressedDepartments!: SuppressedDepartmentDto[];
}

export const DASHBOARD_EXAMPLE: OrgDashboardDto = {
  orgId: '3f1c2a64-5b7e-4d7a-9a43-1f0f3c2b9d11',
  wellnessScore: 67.9,
  computedAt: new Date('2026-11-25T06:00:12.000Z'),
  minGroupSize: 5,
  trend: [
    { weekStart: '2026-11-09', wellnessScore: 65.1 },
    { weekStart: '2026-11-16', wellnessScore: 66.8 },
    { weekStart: '2026-11-23', wellnessScore: 67.9 },
  ],
  participation: { members: 240, activeLast30Days: 151, rate: 0.629, suppressedReason: null },
  departments: [
    {
      department: 'Engineering',
      members: 64,
      activeLast30Days: 41,
      moodMean: 63.2,
      merged: false,
    },
    { department: 'Sales', members: 38, activeLast30Days: 22, moodMean: 70.4, merged: false },
    { department: 'Other', members: 12, activeLast30Days: 7, moodMean: 58.9, merged: true },
  ],
  suppressedDepartments: [
    { department: 'Legal', reason: 'below-min-group-size', countedInOther: true },
    { department: 'Facilities', reason: 'below-min-group-size', countedInOther: true },
  ],
};

export class WellnessSnapshotQueryDto extends PickType(PageQueryDto, ['limit', 'cursor']) {}

export class WellnessSnapshotDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ nullable: true, minimum: 0, maximum: 100, example: 67.9 })
  wellnessScore!: number | null;

  /** The mood component, 0..100; null below the privacy threshold. */
  @ApiProperty({ nullable: true, minimum: 0, maximum: 100, example: 64.3 })
  moodScore!: number | null;

  /** The survey component, 0..100; null when no recent survey had enough responses. */
  @ApiProperty({ nullable: true, minimum: 0, maximum: 100, example: 73.2 })
  surveyScore!: number | null;

  /** Active members at the time. */
  @ApiProperty({ example: 240 })
  memberCount!: number;

  /** How many of them had logged a mood in the 30 days before; null when too few to show. */
  @ApiProperty({ nullable: true, example: 151 })
  activeMembers!: number | null;

  createdAt!: Date;
}

export class WellnessSnapshotPageDto {
  @ApiProperty({ type: [WellnessSnapshotDto], maxItems: PAGE_MAX_LIMIT })
  items!: WellnessSnapshotDto[];

  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
