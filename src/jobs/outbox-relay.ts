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
import { planRelay, type RelayPlan } from './outbox-relay-plan.js';
import { OutboxRepository } from './outbox.repository.js';
import { PURGE_RELAYED_OUTBOX } from './outbox.jobs.js';

/** How often the relay looks for committed events, and how many it moves at once. */
const RELAY_INTERVAL_MS = 500;
const RELAY_BATCH = 500;
/** An enqueue that takes longer than this (Redis down) is abandoned; the rows wait for later. */
const ENQUEUE_TIMEOUT_MS = 3000;
/** Relayed rows are kept this long for inspection, then purged by a maintenance job. */
const KEEP_RELAYED_HOURS = 24;

/**
 * Moves committed outbox rows to the queue. Every API and worker process runs one; rows are
 * claimed with FOR UPDATE SKIP LOCKED, so two relays never hand over the same row, and a row is
 * marked relayed only in the transaction that enqueued it: when Redis is down the rows stay
 * and the next pass retries them. Rows of one job and key collapse into one enqueue.
 *
 * A row no job of this process can take (a name in no catalogue, a payload its job refuses) is
 * set aside with the reason, in the same pass, and the rest of the batch moves on; the
 * readiness probe and the queue board show what is set aside. A process gives the rows set
 * aside under the names it knows another pass when it starts: a newer version may know a name
 * an older one did not, or read a payload it refused.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobRunner,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.handle(PURGE_RELAYED_OUTBOX, () =>
      this.outbox.purgeRelayedBefore(KEEP_RELAYED_HOURS),
    );
  }

  onApplicationBootstrap(): void {
    const known = this.registry.all().map((definition) => definition.name);
    this.outbox
      .release(known)
      .then((released) => {
        if (released > 0) this.logger.log({ released }, 'Outbox rows set aside get another pass');
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Could not release outbox rows set aside'),
      );
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /**
   * One pass: hands over what is pending (up to a batch), sets aside what cannot be, and
   * answers how many rows it moved either way.
   */
  relayOnce(): Promise<number> {
    this.pass ??= this.relay().finally(() => (this.pass = undefined));
    return this.pass;
  }

  /** The rows set aside and waiting for an operator, counted per job name. */
  setAsideCounts(): Promise<Record<string, number>> {
    return this.outbox.setAsideCounts();
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

  private async relay(): Promise<number> {
    const plan = await this.prisma.$transaction(
      async (tx): Promise<RelayPlan | null> => {
        const rows = await this.outbox.claimPending(tx, RELAY_BATCH);
        if (rows.length === 0) return null;
        const plan = planRelay(rows, (name, data) => this.registry.read(name, data));
        for (const { definition, payload } of plan.jobs) {
          await withTimeout(this.jobs.enqueue(definition.name, payload), ENQUEUE_TIMEOUT_MS);
        }
        await this.outbox.markRelayed(tx, plan.relayedIds);
        await this.outbox.setAside(tx, plan.setAside);
        return plan;
      },
      { timeout: ENQUEUE_TIMEOUT_MS * 4 },
    );
    if (!plan) return 0;
    for (const { id, reason } of plan.setAside) {
      this.logger.error({ outboxEventId: id, reason }, 'Outbox row set aside');
    }
    return plan.relayedIds.length + plan.setAside.length;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`enqueue took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
