import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { JobRegistry } from './job-registry.js';
import { backoffDelayMs, JobRunner } from './job-runner.js';

/**
 * Runs jobs inside this process when no Redis is configured (the embedded default). Same
 * handlers as the worker; repeats on timers. Jobs queued here live only as long as the process,
 * which is acceptable because every job of this service recomputes from the database and the
 * repeating ones run again after a restart.
 */
@Injectable()
export class InProcessJobRunner
  extends JobRunner
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('InProcessJobRunner');
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  onApplicationBootstrap(): void {
    for (const definition of this.registry.all()) {
      if (!definition.everyMs) continue;
      const timer = setInterval(() => void this.enqueue(definition.name), definition.everyMs);
      timer.unref();
      this.timers.add(timer);
    }
  }

  async enqueue(name: string, data: Record<string, unknown> = {}): Promise<void> {
    const definition = this.registry.get(name);
    if (this.stopping) return;
    const run = this.runWithRetries(name, data, definition.attempts ?? 3).finally(() =>
      this.running.delete(run),
    );
    this.running.add(run);
  }

  /** Waits for the jobs already running; starts no new ones. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
  }

  private async runWithRetries(name: string, data: Record<string, unknown>, attempts: number) {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.registry.get(name).handle(data);
        return;
      } catch (error) {
        this.logger.warn({ err: error, job: name, attempt }, 'Job failed');
        if (attempt === attempts || this.stopping) return;
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)).unref());
      }
    }
  }
}
