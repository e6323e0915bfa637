import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';
import { PROJECT_ROOT } from '../../project-root.js';
import { openSchemaEngine, type SchemaEngineLog } from './schema-engine.js';

/** Where the schema and its migrations live, in Prisma's own layout. */
export const PRISMA_DIR = resolve(PROJECT_ROOT, 'prisma');
export const SCHEMA_FILE = join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
/**
 * Each migration folder keeps a copy of schema.prisma as it was when the migration was written.
 * The next migration is the diff from that copy to the current schema, which needs no database
 * and no introspection. Prisma's own commands read only migration.sql and ignore this file.
 */
export const SNAPSHOT_FILE = 'schema.snapshot.prisma';
const LOCK_FILE = 'migration_lock.toml';
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export async function readSchema(): Promise<string> {
  return readFile(SCHEMA_FILE, 'utf8');
}

export async function listMigrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function readMigrationList(dir: string): Promise<MigrationList> {
  const names = await listMigrationNames(dir);
  const lockContent = await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: LOCK_FILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(join(dir, name, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (error: Error) => ({ tag: 'error' as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/**
 * Applies the pending migrations to the database at `connectionString`, as
 * `prisma migrate deploy` does, and answers the names it applied (none when up to date).
 * A failing migration rejects with the engine's own message.
 */
export async function applyPendingMigrations(
  connectionString: string,
  log?: SchemaEngineLog,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(connectionString, await readSchema(), log);
  try {
    const migrationsList = await readMigrationList(dir);
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * The SQL that takes a database from schema `from` (or an empty one) to schema `to`.
 * The engine opens a connection to `connectionString` when it starts, though a diff between two
 * schemas neither reads nor writes that database.
 */
export async function diffSchemas(
  connectionString: string,
  from: string | null,
  to: string,
): Promise<string> {
  const { engine, close } = await openSchemaEngine(connectionString, to);
  try {
    const target = (content: string) => ({
      tag: 'schemaDatamodel' as const,
      files: [{ path: 'schema.prisma', content }],
    });
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  } finally {
    await close();
  }
}

/** The schema as the last migration left it, or null before the first migration. */
export async function readLastMigratedSchema(dir = MIGRATIONS_DIR): Promise<string | null> {
  const names = await listMigrationNames(dir);
  const last = names.at(-1);
  return last ? readFile(join(dir, last, SNAPSHOT_FILE), 'utf8') : null;
}

/** Whether a diff script changes anything (the engine answers a comment when it does not). */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}

/** Prisma's folder name: a UTC timestamp to the second, then the name. */
export function migrationFolderName(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error('A migration needs a name made of letters or digits.');
  return `${stamp}_${slug}`;
}

/**
 * Writes the next migration: the diff from the last migrated schema to schema.prisma, with a
 * snapshot of schema.prisma beside it. Answers the folder written, or null when nothing changed.
 */
export async function writeNextMigration(
  connectionString: string,
  name: string,
  dir = MIGRATIONS_DIR,
): Promise<string | null> {
  const schema = await readSchema();
  const sql = await diffSchemas(connectionString, await readLastMigratedSchema(dir), schema);
  if (isEmptyMigration(sql)) return null;
  const folder = join(dir, migrationFolderName(name));
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'migration.sql'), sql);
  await writeFile(join(folder, SNAPSHOT_FILE), schema);
  await writeFile(
    join(dir, LOCK_FILE),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  return folder;
}

/** The statements of a diff script, without the engine's `-- Comment` lines, one per block. */
export function scriptStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((statement) => statement.length > 0)
    .map((statement) => statement.replace(/;$/, ''));
}

/**
 * Where schema.prisma and the migrations disagree; empty when they agree:
 * - schema.prisma must equal the last migration's snapshot (else a migration is missing);
 * - each migration.sql must contain every statement Prisma derives from the change between the
 *   previous snapshot and its own (else the SQL does not build what its snapshot describes).
 */
export async function findDrift(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const problems: string[] = [];
  const names = await listMigrationNames(dir);
  let previous: string | null = null;
  for (const name of names) {
    const snapshot = await readFile(join(dir, name, SNAPSHOT_FILE), 'utf8').catch(() => null);
    if (snapshot === null) {
      problems.push(`${name}: has no ${SNAPSHOT_FILE}`);
      break;
    }
    const written = scriptStatements(await readFile(join(dir, name, 'migration.sql'), 'utf8'));
    const expected = scriptStatements(await diffSchemas(connectionString, previous, snapshot));
    for (const statement of expected) {
      if (!written.includes(statement)) problems.push(`${name}: lacks \`${statement}\``);
    }
    previous = snapshot;
  }
  const pending = await diffSchemas(connectionString, previous, await readSchema());
  if (!isEmptyMigration(pending)) {
    problems.push(
      'schema.prisma has changes no migration holds: run `npm run db:diff -- --name <name>`',
    );
  }
  return problems;
}
