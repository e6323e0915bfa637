import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { JobName, JobPayload } from './job-catalogue.js';
import type { JobDefinition } from './job-definition.js';
import { deduplicationId } from './job-options.js';
import { JobRegistry } from './job-registry.js';
import { backoffDelayMs, JobRunner } from './job-runner.js';

/**
 * Runs jobs inside this process when no Redis is configured (the embedded default), with the
 * same handlers as the worker and the same deduplication: while a keyed job runs, at most one
 * more waits, with the latest data. Repeats on timers. Jobs queued here live only as long as
 * the process; the outbox keeps the events that cause them until they are handed over, and
 * every job recomputes from the database, so a restart loses no result.
 */
@Injectable()
export class InProcessJobRunner
  extends JobRunner
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('InProcessJobRunner');
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  /** Keyed jobs running now, and the payload of the one run waiting behind each. */
  private readonly active = new Set<string>();
  private readonly waiting = new Map<string, JobPayload>();
  private readonly started = new Set<string>();
  private stopping = false;

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  onApplicationBootstrap(): void {
    for (const definition of this.registry.all()) {
      if (!definition.everyMs) continue;
      const timer = setInterval(() => this.submit(definition, {}), definition.everyMs);
      timer.unref();
      this.timers.add(timer);
    }
  }

  async enqueue<Name extends JobName>(name: Name, payload: JobPayload<Name>): Promise<void> {
    this.submit(this.registry.get(name), payload);
  }

  /** Waits for the jobs already running; starts no new ones. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
  }

  private submit(definition: JobDefinition, payload: JobPayload): void {
    if (this.stopping) return;
    const id = deduplicationId(definition, payload);
    if (id && this.active.has(id)) {
      // Still inside its coalescing wait: this event joins that run. Already running: one more
      // run follows it.
      if (this.started.has(id)) this.waiting.set(id, payload);
      return;
    }
    if (id) this.active.add(id);
    const delayMs = id ? (definition.coalesceMs ?? 0) : 0;
    const run = this.runWithRetries(definition, payload, delayMs, () => {
      if (id) this.started.add(id);
    }).finally(() => {
      this.running.delete(run);
      if (!id) return;
      this.active.delete(id);
      this.started.delete(id);
      const next = this.waiting.get(id);
      this.waiting.delete(id);
      if (next) this.submit(definition, next);
    });
    this.running.add(run);
  }

  private async runWithRetries(
    definition: JobDefinition,
    payload: JobPayload,
    delayMs: number,
    onStart: () => void,
  ) {
    if (delayMs > 0) await sleep(delayMs);
    // Shutting down while it waited: the database may already be gone. Nothing is lost: the
    // outbox still holds the event's row, and every job recomputes from the database.
    if (this.stopping) return;
    onStart();
    const attempts = definition.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1 && this.stopping) return;
      try {
        await definition.handle(payload);
        return;
      } catch (error) {
        this.logger.warn({ err: error, job: definition.name, attempt }, 'Job failed');
        if (attempt === attempts || this.stopping) return;
        await sleep(backoffDelayMs(attempt, definition.backoffMs));
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
