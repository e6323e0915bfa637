import { randomBytes } from 'node:crypto';
import pg from 'pg';

const { Client } = pg;
type Client = pg.Client;

/**
 * The PostgreSQL server tests create their databases on (never anyone's data). The same
 * variable and run prefix as global-setup.js, which creates the template.
 */
export const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Every database of one run starts with this prefix, so teardown can find them. */
export function runPrefix(): string {
  const prefix = process.env.MINDFULME_TEST_RUN;
  if (!prefix) throw new Error('The test run prefix is set by the global setup.');
  return prefix;
}

export function templateName(): string {
  return `${runPrefix()}_template`;
}

export function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, cloned from the template migrated once per run:
 * cloning takes a fraction of a second where migrating takes several.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `${runPrefix()}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) =>
    client.query(
      options.empty
        ? `CREATE DATABASE "${name}"`
        : `CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`,
    ),
  );
  return {
    name,
    url: urlOf(name),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
