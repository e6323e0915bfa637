import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { configureHttpApp, createFastifyAdapter } from '../../src/http-app.js';
import { committedOpenApiDocument, recordResponseViolations } from './response-contract.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Two keys, the second active: old-key rows exist in the key ring from the start. */
export const TEST_ENCRYPTION_KEYS = `k2025:${Buffer.alloc(32, 1).toString('base64')},k2026:${Buffer.alloc(32, 2).toString('base64')}`;

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A configuration for tests: silent logs, the machine's Redis, queue keys of their own. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `mm_test_${randomBytes(4).toString('hex')}`,
    // Swagger UI's static files come through @fastify/static, a CommonJS package that requires
    // an ES module: Jest cannot load that on Node 20. The UI is checked against the built
    // server instead (embedded.e2e-spec.ts).
    SWAGGER_UI: 'false',
    // Bull Board serves its pages through @fastify/static too: checked against the built server.
    QUEUE_BOARD: 'false',
    ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    // Specs see jobs wait in Redis until they run a worker (or say WORKERS: 'embedded').
    WORKERS: 'none',
    // Every request of a test comes from one address; tests of rate limits set their own.
    AUTH_RATE_LIMIT_PER_ACCOUNT: '1000',
    AUTH_RATE_LIMIT_PER_ADDRESS: '1000',
    // Sweeps send thousands of requests as one person; the API-wide limit has a spec of its own.
    API_RATE_LIMIT_PER_PRINCIPAL: '1000000',
    API_RATE_LIMIT_PER_ADDRESS: '1000000',
    ANONYMITY_KEY: 'test anonymity key of at least thirty-two characters',
    // Webhook retries a second apart, not half a minute: tests wait for them.
    WEBHOOK_RETRY_BASE_MS: '1000',
    // Identity providers and webhook receivers of tests listen on loopback.
    OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true',
    ...overrides,
  });
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Every log line the app wrote, when started with `captureLogs`. */
  logs: string[];
  database: TestDatabase;
  config: AppConfig;
  /** Answers that disagree with the committed OpenAPI document (see ResponseContract). */
  contractViolations: string[];
  /** Closes the app; fails when any answer disagreed with the document. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Test-only modules mounted beside the application (never in it). */
  extraModules?: Type[];
  /** Log at info level into `logs` instead of nowhere. */
  captureLogs?: boolean;
  /** Reach PostgreSQL through this loopback port (a proxy the test controls). */
  databasePort?: number;
  /**
   * Run on this database instead of a new one, and leave it when closing: a second app on it
   * is the same service after a restart.
   */
  database?: TestDatabase;
}

/** The real HTTP application on its own database, listening on a port the OS chose. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const logs: string[] = [];
  const config = testConfig({
    ...(options.captureLogs ? { LOG_LEVEL: 'info' } : {}),
    ...options.env,
  });
  const destination = options.captureLogs
    ? { write: (line: string) => logs.push(line) }
    : undefined;
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot(config, viaPort(database.url, options.databasePort), destination),
      ...(options.extraModules ?? []),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
    bufferLogs: true,
  });
  await configureHttpApp(app, config, {
    responseContract: committedOpenApiDocument() as unknown as OpenAPIObject,
  });
  // Last of the onSend hooks: it sees each answer exactly as the client receives it.
  const contractViolations: string[] = [];
  recordResponseViolations(app.getHttpAdapter().getInstance(), contractViolations);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    logs,
    database,
    config,
    contractViolations,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
      if (contractViolations.length > 0) {
        throw new Error(
          `Answers that disagree with openapi/openapi.json:\n${[...new Set(contractViolations)].join('\n')}`,
        );
      }
    },
  };
}

function viaPort(url: string, port: number | undefined): string {
  if (port === undefined) return url;
  const rewritten = new URL(url);
  rewritten.port = String(port);
  return rewritten.toString();
}
