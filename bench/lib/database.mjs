// The bench's own database on the local PostgreSQL: created, migrated with the built CLI, dropped.
import { execFile } from 'node:child_process';
import { URL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { ADMIN_URL, APP_DIST, ROOT } from './config.mjs';

export function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name) {
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  return databaseUrl(name);
}

/** Drops the database even while connections remain (a process that did not stop in time). */
export async function dropDatabase(name) {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** `node dist/database/migrations/cli.js migrate`, from the bench's build. */
export async function migrate(url) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [`${APP_DIST}/database/migrations/cli.js`, 'migrate'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } },
  );
  return stdout.trim();
}
