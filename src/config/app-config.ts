import 'reflect-metadata';
import { parseKeyRing } from '../common/crypto/key-ring.js';
import { DEFAULT_POOL_SIZE } from '../database/database-connection.js';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A browser origin: scheme, host and optional port, nothing else. */
const ORIGIN = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/** Blank values count as absent, so `DATABASE_URL=` in a .env file means "embedded". */
const blankAsUndefined = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() === '' ? undefined : value,
  );

/**
 * Every environment variable the service reads, validated once at start. Names are the
 * variables' own; `.env.example` documents each.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL to use; absent -> the embedded PostgreSQL under DATA_DIR. */
  @blankAsUndefined()
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * PostgreSQL connections this process's pool may hold (Prisma and the hot statements share
   * it). `npm run start:prod` divides 80 among its processes when this is unset, so a cluster
   * stays inside PostgreSQL's default 100 connections with room for a worker.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE = DEFAULT_POOL_SIZE;

  /** Redis for queues and shared counters; absent -> jobs run in-process. */
  @blankAsUndefined()
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  /** Where the embedded PostgreSQL keeps its files. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** How long shutdown waits for in-flight requests and jobs before giving up. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * How long a worker holds a job before others may take it over. A worker that dies mid-job
   * stops renewing its lock; after this long another worker retries the job.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  JOB_LOCK_DURATION_MS = 30_000;

  /**
   * The first wait before a failed webhook delivery is tried again; each further wait doubles
   * (six attempts span about 31 times this: 15 minutes at the default).
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /**
   * With REDIS_URL, whether this API process also consumes the queues (`embedded`, the default:
   * one process does everything) or only produces (`none`: run `npm run start:worker` beside
   * it, as docker-compose does, to scale API and workers apart). Without Redis jobs always run
   * in the API process.
   */
  @IsIn(['embedded', 'none'])
  WORKERS: 'embedded' | 'none' = 'embedded';

  /** Prefix of queue keys in Redis, so that runs and deployments can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]+$/)
  QUEUE_PREFIX = 'mindfulme';

  /**
   * Key for signing access tokens (HS256), at least 32 characters. Required in production;
   * elsewhere a random key is made at start, so tokens do not survive a restart.
   */
  @blankAsUndefined()
  @IsOptional()
  @MinLength(32)
  JWT_SECRET?: string;

  /** Lifetime of an access token. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token; each refresh starts a new one. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Attempts per minute on login, register, refresh and password change, per address. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_ADDRESS = 20;

  /** Attempts per minute on the same routes for one account (by email or user). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_ACCOUNT = 5;

  /**
   * Attempts per minute per address on the SSO exchange and the OAuth token endpoint, where
   * each identity (issuer and subject, or client id) is limited by AUTH_RATE_LIMIT_PER_ACCOUNT:
   * one office address signs in hundreds of people a minute, one identity cannot be hammered.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_ADDRESS_FEDERATED = 600;

  /**
   * Requests a minute one person or one HR client may make to the rest of the API (routes with
   * a limit of their own count by it instead). Counted in each API process's memory, so the
   * hot path pays no round trip: with N processes a caller may reach N times this.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  API_RATE_LIMIT_PER_PRINCIPAL = 600;

  /** The same for requests without a valid token (public routes, failed sign-ins), per address. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  API_RATE_LIMIT_PER_ADDRESS = 600;

  /**
   * Whether requests made on behalf of organisations (identity provider discovery and keys,
   * webhook deliveries) may reach loopback, private, link-local and metadata addresses. Off
   * unless a provider or receiver runs on the developer's own machine (and in tests).
   */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  OUTBOUND_ALLOW_PRIVATE_ADDRESSES = false;

  /**
   * DNS servers asked for domain verification records, comma-separated (`1.1.1.1`,
   * `10.0.0.2:5353`, `[2606:4700::1111]:53`). Empty: the machine's own resolvers.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((server) => server.trim())
          .filter((server) => server !== '')
      : value,
  )
  @IsArray()
  @Matches(/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9A-Fa-f:]+\](:\d{1,5})?|[0-9A-Fa-f:]+)$/, {
    each: true,
    message: 'DNS_RESOLVERS must list IP addresses, each with an optional port (1.1.1.1:53)',
  })
  DNS_RESOLVERS: string[] = [];

  /**
   * Keys for personal text at rest (AES-256-GCM): `id:base64key,id:base64key`, 32-byte keys.
   * Required in production; elsewhere a key is made once and kept in DATA_DIR.
   */
  @blankAsUndefined()
  @IsOptional()
  @IsString()
  ENCRYPTION_KEYS?: string;

  /** Which of ENCRYPTION_KEYS encrypts new text; default the last listed. */
  @blankAsUndefined()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  ENCRYPTION_ACTIVE_KEY?: string;

  /**
   * Key for the keyed hashes that keep anonymous features unlinkable (who supported a rant, rant
   * rate limits), at least 32 characters. Required in production; elsewhere one is kept in
   * DATA_DIR. Changing it forgets who supported what (each person may support once more).
   */
  @blankAsUndefined()
  @IsOptional()
  @MinLength(32)
  ANONYMITY_KEY?: string;

  /**
   * A JSON file of crisis lines by ISO country (`{ "FR": [{ "name", "contact", "url" }] }`),
   * replacing the shipped list for the countries it names.
   */
  @blankAsUndefined()
  @IsOptional()
  @IsString()
  CRISIS_RESOURCES_FILE?: string;

  /**
   * Browser origins allowed to call the API cross-origin (CORS), comma-separated, e.g.
   * `https://app.acme.com,https://admin.acme.com`. Empty: no cross-origin access at all.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== '')
      : value,
  )
  @IsArray()
  @Matches(ORIGIN, {
    each: true,
    message: 'CORS_ORIGINS must list origins such as https://app.example.com (no path, no *)',
  })
  CORS_ORIGINS: string[] = [];

  /**
   * How long a client may take to send a whole request, and how long a connection may stay
   * silent, before it is cut: a slow or stalled client cannot hold a connection for ever.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  REQUEST_TIMEOUT_MS = 30_000;

  /**
   * Where clients reach this API, without a trailing slash: the OpenAPI document's `servers` and
   * its OAuth token URL, so a client generated from it knows where to call.
   */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @Matches(/[^/]$/, { message: 'PUBLIC_BASE_URL must not end with a slash' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Whether this process serves the Swagger UI at /docs. */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  SWAGGER_UI = true;

  /** Whether this process serves Bull Board (the queues, for admins) at /admin/queues. */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  QUEUE_BOARD = true;
}

/** What production refuses to start without (see problemsOf); docker-compose supplies each. */
export const PRODUCTION_REQUIRED = ['JWT_SECRET', 'ENCRYPTION_KEYS', 'ANONYMITY_KEY'] as const;

/** Variables whose values may hold credentials: named in errors, never printed. */
const SECRET_VARIABLES = new Set([
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'ENCRYPTION_KEYS',
  'ANONYMITY_KEY',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Rules that involve more than one variable or parsing beyond a decorator. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.ENCRYPTION_KEYS || config.ENCRYPTION_ACTIVE_KEY) {
    try {
      parseKeyRing(config.ENCRYPTION_KEYS ?? '', config.ENCRYPTION_ACTIVE_KEY);
    } catch (error) {
      problems.push(`ENCRYPTION_KEYS: ${(error as Error).message}`);
    }
  }
  if (config.NODE_ENV === 'production') {
    if (!config.ENCRYPTION_KEYS) problems.push('ENCRYPTION_KEYS: is required in production');
    if (!config.ANONYMITY_KEY)
      problems.push('ANONYMITY_KEY: is required in production (32+ characters)');
    if (!config.JWT_SECRET) problems.push('JWT_SECRET: is required in production (32+ characters)');
  }
  return problems;
}

/**
 * Reads and validates the configuration from `env`; throws a ConfigError that names every
 * missing or malformed variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined),
  );
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const problems = validateSync(config, { whitelist: false }).map((error) => {
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    const shown = SECRET_VARIABLES.has(error.property) ? 'hidden' : JSON.stringify(error.value);
    return `${error.property}: ${reasons} (got ${shown})`;
  });
  problems.push(...crossChecks(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
