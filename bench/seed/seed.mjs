// The bench's data, generated in set-based SQL (generate_series): organisations of 100,000,
// 30,000 and 10,000 employees with 30 days of mood entries, a closed survey with 10,000
// responses, buddy profiles, and the few people the HTTP scenarios sign in as. Only what must be
// encrypted (journal text, free-text survey answers) is computed in Node, with the app's own
// cipher, and still written by one statement per table.
import { performance } from 'node:perf_hooks';
import { SEED_SIZES } from '../lib/config.mjs';
import { benchUuid, departmentOf, employeeIdSql, memberIdSql, timezoneOf } from './sql.mjs';
import { seedSurvey } from './survey.mjs';
import { LOREM } from './vocabulary.mjs';

export { seedBuddyProfiles } from './buddies.mjs';
export { memberId } from './sql.mjs';

/** Members who logged in the last 30 days: the first 85% of each organisation. */
const ACTIVE_SHARE = 0.85;

async function timed(log, label, work) {
  const started = performance.now();
  const result = await work();
  log(`  seeded ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Users and employees of one organisation; 2% have left (SCIM keeps ended memberships). */
async function seedOrganisation(db, { key, name, members, passwordHash, adminId }, log) {
  const orgId = benchUuid(`bench-org:${key}`);
  await db.query(
    `INSERT INTO organizations (id, name, admin_user_id, settings, wellness_score, created_at)
     VALUES ($1, $2, $3, '{"minGroupSize": 5}', 64.2, now() - interval '400 days')`,
    [orgId, name, adminId],
  );
  await timed(log, `${name}: ${members.toLocaleString('en')} users and employees`, async () => {
    await db.query(
      `INSERT INTO users (id, email, password, display_name, timezone, created_at)
       SELECT ${memberIdSql(key, 'i')}, 'bench-${key}-' || i || '@bench.invalid', $1,
              'Bench ${key} ' || i, ${timezoneOf('i')}, now() - interval '400 days'
         FROM generate_series(1, $2::int) AS i`,
      [passwordHash, members],
    );
    await db.query(
      `INSERT INTO employees (id, user_id, org_id, department, anonymized_id, external_id,
                              ended_at, created_at, updated_at)
       SELECT ${employeeIdSql(key, 'i')}, ${memberIdSql(key, 'i')}, $1, ${departmentOf('i')},
              'bench-${key}-' || i, 'hr-' || i,
              CASE WHEN i % 50 = 0 THEN now() - interval '20 days' END,
              now() - interval '400 days', now() - interval '400 days'
         FROM generate_series(1, $2::int) AS i`,
      [orgId, members],
    );
  });
  return orgId;
}

/**
 * 30 days of mood entries of one organisation: the first 85% of its `members` logged `entries`
 * moods between them, written in time order as they would have arrived.
 */
async function seedMoods(db, { key, name, members, entries }, log) {
  const active = Math.max(1, Math.floor(members * ACTIVE_SHARE));
  await timed(log, `${name}: ${entries.toLocaleString('en')} mood entries`, () =>
    db.query(
      `INSERT INTO mood_entries (user_id, mood_score, created_at)
       SELECT ${memberIdSql(key, 'p.person')},
              least(10, greatest(1, 3 + p.person % 6 + floor(random() * 5)::int - 2)),
              now() - random() * interval '29 days 23 hours'
         FROM generate_series(1, $1::int) AS k
        CROSS JOIN LATERAL (SELECT 1 + (k - 1) % $2::int AS person) AS p
        ORDER BY 3`,
      [entries, active],
    ),
  );
}

/**
 * Runs a bulk load the way one loads millions of rows: the table's indexes dropped and built
 * again afterwards from their own definitions, and foreign-key triggers off for the session
 * (every id written is one this seed generated, so nothing goes unchecked that could fail).
 */
async function bulkLoad(db, table, log, work) {
  const { rows: constraints } = await db.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
    [table],
  );
  const { rows: indexes } = await db.query(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = $1 AND NOT indexname = ANY($2::text[])`,
    [table, constraints.map((constraint) => constraint.name)],
  );
  for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
  for (const constraint of constraints)
    await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint.name}"`);
  await db.query(`SET session_replication_role = replica`);
  try {
    await work();
  } finally {
    await db.query(`SET session_replication_role = DEFAULT`);
    await timed(log, `${table}: indexes rebuilt`, async () => {
      for (const constraint of constraints)
        await db.query(
          `ALTER TABLE "${table}" ADD CONSTRAINT "${constraint.name}" ${constraint.definition}`,
        );
      for (const index of indexes) await db.query(index.definition);
    });
  }
}

/** Twelve weeks of score history, one recompute every five minutes, as the dashboard reads. */
async function seedSnapshots(db, orgId, members) {
  await db.query(
    `INSERT INTO org_wellness_snapshots (org_id, wellness_score, mood_score, survey_score,
                                         member_count, active_members, created_at)
     SELECT $1, s.score, s.score - 1.5, NULL, $2::int, ($2::int * 0.85)::int, s.at
       FROM (SELECT at, round((60 + 8 * sin(extract(epoch FROM at) / 86400 / 9))::numeric, 1)::float8 AS score
               FROM generate_series(now() - interval '84 days', now() - interval '5 minutes',
                                    interval '5 minutes') AS at) AS s`,
    [orgId, members],
  );
}

/** People with fixed roles in the scenarios; all share the one password hash. */
export const FIXTURE_USERS = ['writer', 'stats', 'journals', 'login', 'admin-large', 'admin-dash'];

async function seedFixtureUsers(db, passwordHash) {
  const ids = Object.fromEntries(
    FIXTURE_USERS.map((name) => [name, benchUuid(`bench:user:${name}`)]),
  );
  await db.query(
    `INSERT INTO users (id, email, password, display_name, timezone, created_at)
     SELECT id, 'bench-' || name || '@bench.invalid', $3, 'Bench ' || name,
            CASE name WHEN 'stats' THEN 'Europe/Berlin' ELSE 'Europe/London' END,
            now() - interval '400 days'
       FROM unnest($1::uuid[], $2::text[]) AS u(id, name)`,
    [Object.values(ids), Object.keys(ids), passwordHash],
  );
  return ids;
}

/** A year of entries, about three a day with gaps, for the stats scenario. */
async function seedYearOfMoods(db, userId) {
  await db.query(
    `INSERT INTO mood_entries (user_id, mood_score, created_at)
     SELECT $1, 1 + floor(random() * 10)::int, at
       FROM generate_series(now() - interval '365 days', now() - interval '1 hour',
                            interval '8 hours') AS at
      WHERE random() > 0.1`,
    [userId],
  );
}

/** Encrypted journal entries of the journals user, with the app's cipher and context. */
async function seedJournals(db, cipher, userId, count) {
  const rows = Array.from({ length: count }, (_, index) => {
    const sealed = cipher.encrypt(LOREM.repeat(1 + (index % 4)), `journals.content:${userId}`);
    return {
      content: sealed.ciphertext,
      keyId: sealed.keyId,
      tags: JSON.stringify(index % 3 === 0 ? ['work', 'sleep'] : ['family']),
      minutesAgo: index * 700 + 30,
    };
  });
  await db.query(
    `INSERT INTO journals (user_id, mood_score, content, encryption_key_id, tags, is_private, created_at)
     SELECT $1, 1 + (r.n % 10), r.content, r.key_id, r.tags::jsonb, true,
            now() - make_interval(mins => r.minutes_ago)
       FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY
            AS r(content, key_id, tags, minutes_ago, n)`,
    [
      userId,
      rows.map((row) => row.content),
      rows.map((row) => row.keyId),
      rows.map((row) => row.tags),
      rows.map((row) => row.minutesAgo),
    ],
  );
}

/**
 * Seeds everything but the buddy profiles (which grow between buddy passes). Answers the ids
 * the scenarios use.
 */
export async function seedAll(db, { passwordHash, cipher, scale, log }) {
  const size = (value) => Math.max(20, Math.round(value * scale));
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET work_mem = '256MB'`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(`SELECT setseed(0.42)`);
  const users = await seedFixtureUsers(db, passwordHash);
  const orgs = {};
  for (const org of SEED_SIZES.orgs) {
    orgs[org.key] = await seedOrganisation(
      db,
      {
        key: org.key,
        name: org.name,
        members: size(org.members),
        passwordHash,
        adminId: users[org.admin] ?? null,
      },
      log,
    );
  }
  await bulkLoad(db, 'mood_entries', log, async () => {
    for (const org of SEED_SIZES.orgs)
      await seedMoods(
        db,
        { key: org.key, name: org.name, members: size(org.members), entries: size(org.entries) },
        log,
      );
    await seedYearOfMoods(db, users.stats);
  });
  await seedSnapshots(
    db,
    orgs.dash,
    size(SEED_SIZES.orgs.find((org) => org.key === 'dash').members),
  );
  // The writer belongs to a small organisation of their own: their entries queue recomputes
  // through the outbox, as an employee's do, without moving the organisations measured.
  await db.query(
    `INSERT INTO employees (user_id, org_id, department, anonymized_id)
     VALUES ($1, $2, 'Engineering', 'bench-writer')`,
    [users.writer, orgs.writers],
  );
  await seedJournals(db, cipher, users.journals, SEED_SIZES.journals);
  const large = SEED_SIZES.orgs.find((org) => org.key === 'large');
  const surveyId = await timed(
    log,
    `survey with ${size(SEED_SIZES.surveyResponses).toLocaleString('en')} responses`,
    () =>
      seedSurvey(db, cipher, {
        orgId: orgs.large,
        key: 'large',
        responses: Math.min(size(SEED_SIZES.surveyResponses), Math.floor(size(large.members) / 10)),
        createdBy: users['admin-large'],
      }),
  );
  return { users, orgs, surveyId };
}

/** Fresh planner statistics and visibility maps, as autovacuum would leave a live database. */
export async function vacuumAnalyze(db, tables) {
  for (const table of tables) await db.query(`VACUUM (ANALYZE) ${table}`);
}
