import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import type { OutboxRow, SetAsideRow } from './outbox-relay-plan.js';

/** An outbox row the relay set aside, as operators are shown it. */
export interface SetAsideEvent extends OutboxRow {
  reason: string;
  createdAt: Date;
  setAsideAt: Date;
}

const SET_ASIDE_COLUMNS = Prisma.sql`
  id, job_name AS "jobName", job_key AS "jobKey", payload,
  set_aside_reason AS reason, created_at AS "createdAt", set_aside_at AS "setAsideAt"`;

/** The outbox table's queries for the relay, the readiness probe and the queue board. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Up to `limit` committed rows waiting to be relayed, oldest first, locked for this
   * transaction; rows another relay holds are skipped, not waited for.
   */
  claimPending(tx: Db, limit: number): Promise<OutboxRow[]> {
    return tx.$queryRaw<OutboxRow[]>`
      SELECT id, job_name AS "jobName", job_key AS "jobKey", payload
        FROM outbox_events
       WHERE relayed_at IS NULL AND set_aside_at IS NULL
       ORDER BY created_at
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED`;
  }

  async markRelayed(tx: Db, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.$executeRaw`
      UPDATE outbox_events SET relayed_at = now() WHERE id = ANY(${ids}::uuid[])`;
  }

  async setAside(tx: Db, rows: readonly SetAsideRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.$executeRaw`
      UPDATE outbox_events o
         SET set_aside_at = now(), set_aside_reason = r.reason
        FROM unnest(${rows.map((row) => row.id)}::uuid[], ${rows.map((row) => row.reason)}::text[])
             AS r(id, reason)
       WHERE o.id = r.id`;
  }

  /** Puts rows set aside under one of `jobNames` back in line; answers how many. */
  release(jobNames: readonly string[]): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE outbox_events SET set_aside_at = NULL, set_aside_reason = NULL
       WHERE set_aside_at IS NOT NULL AND job_name = ANY(${jobNames}::text[])`;
  }

  /** How many rows are set aside, per job name. */
  async setAsideCounts(): Promise<Record<string, number>> {
    const rows = await this.prisma.$queryRaw<Array<{ jobName: string; count: number }>>`
      SELECT job_name AS "jobName", count(*)::int AS count
        FROM outbox_events
       WHERE set_aside_at IS NOT NULL
       GROUP BY job_name
       ORDER BY job_name`;
    return Object.fromEntries(rows.map((row) => [row.jobName, row.count]));
  }

  /** Rows set aside, the latest first, from `offset`. */
  setAsideRows(offset: number, limit: number): Promise<SetAsideEvent[]> {
    return this.prisma.$queryRaw<SetAsideEvent[]>`
      SELECT ${SET_ASIDE_COLUMNS}
        FROM outbox_events
       WHERE set_aside_at IS NOT NULL
       ORDER BY set_aside_at DESC, id
      OFFSET ${offset}
       LIMIT ${limit}`;
  }

  async setAsideRow(id: string): Promise<SetAsideEvent | null> {
    const [row] = await this.prisma.$queryRaw<SetAsideEvent[]>`
      SELECT ${SET_ASIDE_COLUMNS}
        FROM outbox_events
       WHERE id = ${id}::uuid AND set_aside_at IS NOT NULL`;
    return row ?? null;
  }

  async purgeRelayedBefore(hours: number): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM outbox_events WHERE relayed_at < now() - make_interval(hours => ${hours}::int)`;
  }
}
