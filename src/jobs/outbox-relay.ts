import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { JobRegistry } from './job-registry.js';
import { JobRunner } from './job-runner.js';
import { PURGE_RELAYED_OUTBOX } from './outbox.jobs.js';

/** How often the relay looks for committed events, and how many it moves at once. */
const RELAY_INTERVAL_MS = 500;
const RELAY_BATCH = 500;
/** An enqueue that takes longer than this (Redis down) is abandoned; the rows wait for later. */
const ENQUEUE_TIMEOUT_MS = 3000;
/** Relayed rows are kept this long for inspection, then purged by a maintenance job. */
const KEEP_RELAYED_HOURS = 24;

interface PendingEvent {
  id: string;
  jobName: string;
  jobKey: string;
  payload: unknown;
}

/**
 * Moves committed outbox rows to the queue. Every API and worker process runs one; rows are
 * claimed with FOR UPDATE SKIP LOCKED, so two relays never hand over the same row, and a row is
 * marked relayed only in the transaction that enqueued it: when Redis is down the rows stay
 * and the next pass retries them. Rows of one job and key collapse into one enqueue.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: JobRunner,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.handle(PURGE_RELAYED_OUTBOX, async () => {
      await this.prisma.$executeRaw`
        DELETE FROM outbox_events
         WHERE relayed_at < now() - make_interval(hours => ${KEEP_RELAYED_HOURS})`;
    });
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** One pass: hands over what is pending (up to a batch) and answers how many rows it moved. */
  relayOnce(): Promise<number> {
    this.pass ??= this.relay().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.relayOnce()
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'Outbox relay failed; retrying'),
        )
        .finally(() => this.schedule());
    }, RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  private relay(): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<PendingEvent[]>`
          SELECT id, job_name AS "jobName", job_key AS "jobKey", payload
            FROM outbox_events
           WHERE relayed_at IS NULL
           ORDER BY created_at
           LIMIT ${RELAY_BATCH}
             FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        // The latest payload of each job and key: later events supersede earlier ones.
        const latest = new Map<string, PendingEvent>();
        for (const row of rows) latest.set(`${row.jobName}\u0000${row.jobKey}`, row);
        for (const event of latest.values()) {
          const { definition, payload } = this.registry.read(event.jobName, event.payload);
          await withTimeout(this.jobs.enqueue(definition.name, payload), ENQUEUE_TIMEOUT_MS);
        }
        await tx.$executeRaw`
          UPDATE outbox_events SET relayed_at = now()
           WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
        return rows.length;
      },
      { timeout: ENQUEUE_TIMEOUT_MS * 4 },
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`enqueue took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
