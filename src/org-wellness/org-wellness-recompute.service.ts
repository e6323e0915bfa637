import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../jobs/job-registry.js';
import { JobRunner } from '../jobs/job-runner.js';
import { Outbox } from '../jobs/outbox.js';
import { DISPATCH_WEBHOOKS } from '../webhooks/webhooks.jobs.js';
import { AnonymityKey } from '../common/crypto/anonymity-key.js';
import { type OrgSettings, readOrgSettings } from '../orgs/org-settings.js';
import { mayPublish } from './publication-pacing.js';
import { MemberStreaksRepository } from './member-streaks.repository.js';
import { OrgWellnessScoresRepository } from './org-wellness-scores.repository.js';
import { RECOMPUTE_ALL_WELLNESS, RECOMPUTE_WELLNESS } from './org-wellness.jobs.js';

const ORGS_PER_PAGE = 500;
/**
 * The members' streaks are written in this many parts at once, beside the score. Writing a
 * changed streak costs more than computing it (every index of employees takes the new row),
 * and after a day passes most streaks change: 67,000 rows at 100,000 members.
 */
const STREAK_SLICES = 2;

/**
 * Keeps organisations' wellness scores: after mood entries (through the outbox, see
 * OrgWellnessTriggers) and once an hour for every organisation, so that scores also move as
 * entries leave the 30-day window. A recompute reads only aggregates and updates the members'
 * streaks; it publishes (the score, a snapshot with the department tallies the dashboard shows,
 * the webhook event) only as `mayPublish` allows: once per period of the organisation's
 * cadence, and only when enough members moved it. Otherwise the published value stands and
 * nothing of the computation is kept or answered.
 */
@Injectable()
export class OrgWellnessRecomputeService implements OnModuleInit {
  constructor(
    private readonly scores: OrgWellnessScoresRepository,
    private readonly streaks: MemberStreaksRepository,
    private readonly jobs: JobRegistry,
    private readonly runner: JobRunner,
    private readonly outbox: Outbox,
    private readonly anonymity: AnonymityKey,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(RECOMPUTE_WELLNESS, ({ orgId }) => this.recompute(orgId));
    this.jobs.handle(RECOMPUTE_ALL_WELLNESS, () => this.enqueueAll());
  }

  /**
   * One organisation: the score (aggregates in SQL, then score and snapshot in one
   * transaction) and the members' streaks. They read the same entries but nothing of each
   * other, so they run side by side on their own connections; the job ends when all have.
   */
  async recompute(orgId: string): Promise<void> {
    const org = await this.scores.settingsOf(orgId);
    // The organisation is gone since the job was queued: nothing left to score.
    if (!org) return;
    const outcomes = await Promise.allSettled([
      this.publishIfDue(orgId, readOrgSettings(org.settings)),
      ...Array.from({ length: STREAK_SLICES }, (_, index) =>
        this.streaks.update(orgId, { index, count: STREAK_SLICES }),
      ),
    ]);
    const failed = outcomes.find(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    if (failed) throw failed.reason;
  }

  private async publishIfDue(orgId: string, settings: OrgSettings): Promise<void> {
    const key = this.anonymity.hash('org-wellness-contributions', orgId);
    const [stats, last] = await Promise.all([
      this.scores.computeStats(orgId, settings.minGroupSize, key),
      this.scores.lastPublication(orgId),
    ]);
    const due = mayPublish({
      last,
      now: new Date(),
      cadence: settings.scoreCadence,
      timezone: settings.timezone,
      changedMembers: stats.changedMembers,
      surveyId: stats.surveyId,
      minGroupSize: settings.minGroupSize,
    });
    if (!due) return;
    // The announcement to webhooks is written with the score, so neither goes without the other.
    // Keyed by the computation: rows of one key collapse in the relay, and each must go out.
    await this.scores.publish(orgId, stats, settings.minGroupSize, key, async (tx, snapshotAt) => {
      const computedAt = snapshotAt.toISOString();
      await this.outbox.add(tx, DISPATCH_WEBHOOKS, `${orgId}:${computedAt}`, {
        orgId,
        event: 'org.wellness.updated',
        wellnessScore: stats.wellnessScore,
        computedAt,
      });
    });
  }

  /** Queues one recompute per organisation; each runs (and fails) on its own. */
  async enqueueAll(): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const orgIds = await this.scores.orgIdsAfter(after, ORGS_PER_PAGE);
      for (const orgId of orgIds) await this.runner.enqueue(RECOMPUTE_WELLNESS, { orgId });
      if (orgIds.length < ORGS_PER_PAGE) return;
      after = orgIds[orgIds.length - 1];
    }
  }
}
