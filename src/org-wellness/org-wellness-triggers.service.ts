import { Injectable } from '@nestjs/common';
import type { Db } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { RECOMPUTE_WELLNESS } from './org-wellness.jobs.js';

/**
 * What other features call when something that moves an organisation's score changes. Give it
 * the transaction of the change: the recompute is queued exactly when the change commits.
 */
@Injectable()
export class OrgWellnessTriggers {
  /**
   * A mood entry of `userId` was written, changed or deleted: queues a recompute of each
   * organisation they are an active member of, as outbox rows in one statement (what
   * Outbox.add writes, one row per membership, with the payload RecomputeWellnessPayload).
   */
  async afterMoodEntry(tx: Db, userId: string): Promise<void> {
    await tx.$executeRaw(this.moodEntryRecomputes(userId));
  }

  /**
   * The statement of `afterMoodEntry`, for a caller that writes the entry in the same statement
   * (a data-modifying `WITH`): one round trip instead of a transaction of several, and the entry
   * and its outbox rows still commit together.
   */
  moodEntryRecomputes(userId: string): Prisma.Sql {
    return Prisma.sql`
      INSERT INTO outbox_events (job_name, job_key, payload)
      SELECT ${RECOMPUTE_WELLNESS}, org_id::text, jsonb_build_object('orgId', org_id::text)
        FROM employees
       WHERE user_id = ${userId}::uuid AND ended_at IS NULL`;
  }
}
