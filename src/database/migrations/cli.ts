import { parseArgs } from 'node:util';
import { applyPendingMigrations, findDrift, writeNextMigration } from './migrations.js';

/**
 * `npm run db:migrate` applies pending migrations to DATABASE_URL;
 * `npm run db:check` fails when schema.prisma and the migrations disagree;
 * `npm run db:diff -- --name <name>` writes the next migration from schema.prisma (the engine
 * needs a reachable PostgreSQL at DATABASE_URL to start, but the diff does not touch it).
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' } },
  });
  const [command] = positionals;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: name the PostgreSQL database to use.');
  if (command === 'migrate') {
    const applied = await applyPendingMigrations(url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    return;
  }
  if (command === 'diff') {
    if (!values.name)
      throw new Error('Give the migration a name: npm run db:diff -- --name <name>');
    const folder = await writeNextMigration(url, values.name);
    console.log(
      folder ? `Wrote ${folder}` : 'schema.prisma matches the last migration: nothing to write.',
    );
    return;
  }
  if (command === 'check') {
    const problems = await findDrift(url);
    if (problems.length > 0)
      throw new Error(`Drift between schema.prisma and migrations:\n${problems.join('\n')}`);
    console.log('schema.prisma and the migrations agree.');
    return;
  }
  throw new Error('Usage: cli migrate | cli diff --name <name> | cli check');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
