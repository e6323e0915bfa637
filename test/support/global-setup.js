// Once per run, before any test file: a template database migrated with the real migration
// command (`dist/database/migrations/cli.js`, built by `npm test`); each test file clones it.
// Plain JavaScript: Jest loads global setup outside its module system.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function globalSetup() {
  // The run prefix names every database of this run, so concurrent runs stay apart and
  // teardown finds its own. Test files read it from the environment they inherit.
  const prefix = `mm_test_${process.pid}_${Date.now().toString(36)}`;
  process.env.MINDFULME_TEST_RUN = prefix;
  const template = `${prefix}_template`;
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${template}`;
  try {
    await promisify(execFile)('node', ['dist/database/migrations/cli.js', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url.toString() },
    });
  } catch (error) {
    throw new Error(
      `Migrating the test template failed (run \`npm run build\` first):\n${error.stderr ?? error}`,
    );
  }
}
