import { Controller, Get, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/guards/public.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { BullMqJobRunner } from '../jobs/bullmq-job-runner.js';
import { OutboxRelay } from '../jobs/outbox-relay.js';
import { RedisClient } from '../jobs/redis-connection.js';

/** How long a readiness probe waits for a dependency before calling it down. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Liveness (`/health`: the process answers) and readiness (`/health/ready`: PostgreSQL and,
 * when configured, Redis answer; the detail carries each queue's waiting, active, delayed,
 * failed and completed counts, and the outbox rows the relay set aside). Outside /v1 and out
 * of the OpenAPI contract: these are for the platform, not for clients.
 */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
    private readonly redis: RedisClient,
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
    @Optional() private readonly queues?: BullMqJobRunner,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  async ready() {
    try {
      return await this.health.check([
        () => this.database(),
        () => this.redisCheck(),
        () => this.outbox(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { error: down = {} } = error.getResponse() as { error?: Record<string, unknown> };
      throw new ServiceUnavailableException(`Not ready: ${Object.keys(down).join(', ')} down.`);
    }
  }

  private async database() {
    const indicator = this.indicators.check('database');
    try {
      await withTimeout(this.prisma.$queryRaw`SELECT 1`, PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch {
      return indicator.down({ message: 'PostgreSQL did not answer' });
    }
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    const client = this.redis.client;
    if (!client) return indicator.up({ mode: 'not configured: jobs run in-process' });
    try {
      await withTimeout(client.ping(), PROBE_TIMEOUT_MS);
      const queues = this.queues
        ? await withTimeout(this.queues.counts(), PROBE_TIMEOUT_MS)
        : undefined;
      return indicator.up({ workers: this.workersMode(), ...(queues ? { queues } : {}) });
    } catch {
      return indicator.down({ message: 'Redis did not answer' });
    }
  }

  /** Who consumes the queues: this process too, or separate worker processes only. */
  private workersMode(): string {
    return this.config.WORKERS === 'embedded'
      ? 'embedded: this process consumes the queues'
      : 'none: other processes consume the queues (npm run start:worker, or the first API process of npm run start:prod)';
  }

  /**
   * Up whatever the count: a row set aside is a fault to fix in code or data, and taking the
   * process out of service would not fix it (every process would report the same rows).
   */
  private async outbox() {
    const indicator = this.indicators.check('outbox');
    try {
      const setAsideByJob = await withTimeout(this.relay.setAsideCounts(), PROBE_TIMEOUT_MS);
      const setAside = Object.values(setAsideByJob).reduce((sum, count) => sum + count, 0);
      return indicator.up({ setAside, setAsideByJob });
    } catch {
      return indicator.down({ message: 'The outbox could not be read' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
