import pg from 'pg';
import { runBuiltCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The schema document's tables and their columns, plus created_at everywhere. */
const DOCUMENT_TABLES: Record<string, string[]> = {
  users: [
    'id',
    'email',
    'password',
    'role',
    'display_name',
    'avatar_url',
    'timezone',
    'preferences',
    'created_at',
  ],
  refresh_tokens: ['token', 'user_id', 'expires_at', 'created_at'],
  mood_entries: ['id', 'user_id', 'mood_score', 'notes', 'created_at'],
  journals: ['id', 'user_id', 'mood_score', 'content', 'tags', 'is_private', 'created_at'],
  wellness_assessments: [
    'id',
    'user_id',
    'assessment_type',
    'title',
    'questions',
    'is_active',
    'created_at',
  ],
  assessment_responses: [
    'id',
    'assessment_id',
    'user_id',
    'responses',
    'total_score',
    'category_scores',
    'recommendations',
    'completed_at',
    'created_at',
  ],
  anonymous_rants: [
    'id',
    'anonymous_token',
    'content',
    'sentiment_score',
    'support_count',
    'created_at',
  ],
  buddy_matches: ['id', 'user_a_id', 'user_b_id', 'compatibility_score', 'status', 'created_at'],
  therapists: [
    'id',
    'name',
    'specialization',
    'license_number',
    'profile_url',
    'rating',
    'availability',
    'created_at',
  ],
  appointments: [
    'id',
    'therapist_id',
    'user_id',
    'start_time',
    'end_time',
    'status',
    'notes',
    'created_at',
  ],
  organizations: ['id', 'name', 'admin_user_id', 'settings', 'wellness_score', 'created_at'],
  employees: [
    'id',
    'user_id',
    'org_id',
    'job_title',
    'department',
    'anonymized_id',
    'wellness_streak',
    'created_at',
  ],
  wellbeing_surveys: ['id', 'org_id', 'title', 'questions', 'is_active', 'created_at'],
  survey_responses: [
    'id',
    'survey_id',
    'anonymous_token',
    'responses',
    'wellness_score',
    'created_at',
  ],
  courses: [
    'id',
    'title',
    'description',
    'duration_minutes',
    'difficulty',
    'thumbnail_url',
    'modules',
    'created_at',
  ],
};

/**
 * Columns added beyond the document, each for a stated reason: additions are deliberate, and a
 * column that appears here unlisted fails the test.
 */
const ADDED_TABLES: Record<string, string[]> = {
  // OAuth2 client credentials of HR systems, and organisations' OIDC providers (identity).
  api_clients: [
    'id',
    'org_id',
    'name',
    'client_id',
    'secret_hash',
    'scopes',
    'revoked_at',
    'last_used_at',
    'created_at',
  ],
  identity_providers: [
    'id',
    'org_id',
    'issuer',
    'client_id',
    'email_domains',
    'tenant_claim',
    'tenant_id',
    'created_at',
  ],
  // email domains an organisation proved it controls, and invitations for everyone else (tenancy)
  organization_domains: [
    'id',
    'org_id',
    'domain',
    'verification_token',
    'verified_at',
    'created_at',
  ],
  organization_invitations: [
    'id',
    'org_id',
    'email',
    'job_title',
    'department',
    'external_id',
    'display_name',
    'status',
    'expires_at',
    'responded_at',
    'created_at',
  ],
  // who could answer a survey, frozen with their departments when it opened (surveys)
  survey_audiences: ['survey_id', 'employee_id', 'department', 'created_at'],
  // ID tokens already exchanged, so each signs in once (SSO)
  sso_used_tokens: ['token_hash', 'expires_at', 'created_at'],
  // one support per person and post, as a keyed hash (rants)
  rant_supports: ['rant_id', 'supporter_hash', 'created_at'],
  // reports of a post, the reporter as a keyed hash (rants)
  rant_reports: ['rant_id', 'reporter_hash', 'reason', 'created_at'],
  // opt-in buddy profiles and the worker's scored candidates (buddies)
  buddy_profiles: [
    'user_id',
    'interests',
    'goals',
    'preferred_hours',
    'timezone',
    'utc_hours',
    'utc_offset_minutes',
    'created_at',
    'updated_at',
  ],
  buddy_candidates: ['user_id', 'candidate_id', 'compatibility_score', 'created_at'],
  // one response per employee without a link to the response (surveys)
  survey_participations: ['survey_id', 'employee_id', 'created_at'],
  // the dated history of an organisation's score (dashboard trends)
  org_wellness_snapshots: [
    'id',
    'org_id',
    'wellness_score',
    'mood_score',
    'survey_score',
    'member_count',
    'active_members',
    'department_tallies',
    'survey_id',
    'min_group_size',
    'created_at',
  ],
  // keyed hashes of each member's contribution to the last published score (pacing)
  org_wellness_contributions: ['org_id', 'member_key', 'fingerprint', 'created_at'],
  // webhooks of HR systems
  webhook_subscriptions: [
    'id',
    'org_id',
    'url',
    'events',
    'secret',
    'encryption_key_id',
    'disabled_at',
    'created_at',
  ],
  webhook_deliveries: [
    'id',
    'subscription_id',
    'event',
    'payload',
    'status',
    'attempts',
    'last_error',
    'delivered_at',
    'created_at',
  ],
  // work handed to the queue in the same transaction as its cause (background jobs), and
  // the rows the relay could not route, set aside with the reason
  outbox_events: [
    'id',
    'job_name',
    'job_key',
    'payload',
    'relayed_at',
    'created_at',
    'set_aside_at',
    'set_aside_reason',
  ],
  // enrolment and module progress (courses)
  course_enrollments: [
    'id',
    'user_id',
    'course_id',
    'completed_modules',
    'completed_at',
    'updated_at',
    'created_at',
  ],
};

const ADDED_COLUMNS: Record<string, string[]> = {
  // sessions, reuse detection, and the organisation whose SSO began a session (identity)
  refresh_tokens: ['family_id', 'rotated_at', 'sso_org_id'],
  mood_entries: ['encryption_key_id'], // key rotation of encrypted notes
  journals: ['encryption_key_id'], // key rotation of encrypted content
  anonymous_rants: ['encryption_key_id', 'hidden_at', 'report_count'], // encrypted text, moderation
  therapists: ['languages'], // the directory filters by language
  appointments: ['encryption_key_id'], // key rotation of encrypted notes
  // HR provisioning and deprovisioning; the name and role the organisation gives a membership
  employees: ['external_id', 'ended_at', 'updated_at', 'display_name', 'org_role'],
  // draft, open, closed, and who created it
  // and the thresholds and participation frozen at opening and closing
  wellbeing_surveys: [
    'status',
    'opened_at',
    'closed_at',
    'created_by',
    'updated_at',
    'min_group_size',
    'comments_min_group_size',
    'participation_tallies',
  ],
  survey_responses: ['department'], // per-department results above the threshold
  courses: ['topic', 'retired_at'], // recommendation by topic, retiring without deleting
};

/** The document's 14 foreign keys plus refresh_tokens.user_id, with the delete rule chosen. */
const FOREIGN_KEYS = [
  ['organizations', 'admin_user_id', 'users', 'SET NULL'],
  ['employees', 'user_id', 'users', 'CASCADE'],
  ['employees', 'org_id', 'organizations', 'RESTRICT'],
  ['journals', 'user_id', 'users', 'CASCADE'],
  ['appointments', 'therapist_id', 'therapists', 'RESTRICT'],
  ['appointments', 'user_id', 'users', 'CASCADE'],
  ['wellbeing_surveys', 'org_id', 'organizations', 'RESTRICT'],
  ['wellness_assessments', 'user_id', 'users', 'SET NULL'],
  ['assessment_responses', 'assessment_id', 'wellness_assessments', 'RESTRICT'],
  ['assessment_responses', 'user_id', 'users', 'CASCADE'],
  ['survey_responses', 'survey_id', 'wellbeing_surveys', 'RESTRICT'],
  ['mood_entries', 'user_id', 'users', 'CASCADE'],
  ['buddy_matches', 'user_a_id', 'users', 'CASCADE'],
  ['buddy_matches', 'user_b_id', 'users', 'CASCADE'],
  ['refresh_tokens', 'user_id', 'users', 'CASCADE'],
  ['api_clients', 'org_id', 'organizations', 'RESTRICT'],
  ['identity_providers', 'org_id', 'organizations', 'RESTRICT'],
  ['course_enrollments', 'user_id', 'users', 'CASCADE'],
  ['rant_supports', 'rant_id', 'anonymous_rants', 'CASCADE'],
  ['course_enrollments', 'course_id', 'courses', 'RESTRICT'],
  ['rant_reports', 'rant_id', 'anonymous_rants', 'CASCADE'],
  ['buddy_profiles', 'user_id', 'users', 'CASCADE'],
  ['buddy_candidates', 'user_id', 'users', 'CASCADE'],
  ['buddy_candidates', 'candidate_id', 'users', 'CASCADE'],
  ['wellbeing_surveys', 'created_by', 'users', 'SET NULL'],
  ['survey_participations', 'survey_id', 'wellbeing_surveys', 'CASCADE'],
  ['survey_participations', 'employee_id', 'employees', 'CASCADE'],
  ['org_wellness_snapshots', 'org_id', 'organizations', 'CASCADE'],
  ['webhook_subscriptions', 'org_id', 'organizations', 'CASCADE'],
  ['webhook_deliveries', 'subscription_id', 'webhook_subscriptions', 'CASCADE'],
  ['refresh_tokens', 'sso_org_id', 'organizations', 'CASCADE'],
  ['organization_domains', 'org_id', 'organizations', 'CASCADE'],
  ['organization_invitations', 'org_id', 'organizations', 'CASCADE'],
  ['survey_audiences', 'survey_id', 'wellbeing_surveys', 'CASCADE'],
  ['survey_audiences', 'employee_id', 'employees', 'CASCADE'],
  ['org_wellness_contributions', 'org_id', 'organizations', 'CASCADE'],
].map(([table, column, target, rule]) => `${table}.${column} -> ${target} ON DELETE ${rule}`);

const JSONB_COLUMNS = [
  'course_enrollments.completed_modules',
  'api_clients.scopes',
  'identity_providers.email_domains',
  'users.preferences',
  'journals.tags',
  'wellness_assessments.questions',
  'assessment_responses.responses',
  'assessment_responses.category_scores',
  'assessment_responses.recommendations',
  'therapists.availability',
  'organizations.settings',
  'wellbeing_surveys.questions',
  'survey_responses.responses',
  'courses.modules',
  'webhook_deliveries.payload',
  'outbox_events.payload',
  'org_wellness_snapshots.department_tallies',
  'wellbeing_surveys.participation_tallies',
];

const allTables = { ...DOCUMENT_TABLES, ...ADDED_TABLES };

describe('the migrated schema (npm run db:migrate on an empty database)', () => {
  let database: TestDatabase;
  let db: pg.Client;
  let firstRun: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    firstRun = await runBuiltCli('database/migrations/cli.js', ['migrate'], {
      DATABASE_URL: database.url,
    });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  const query = async <T extends object>(sql: string, values: unknown[] = []) =>
    (await db.query<T>(sql, values)).rows;

  it('applies the migrations and records them as prisma migrate deploy does', async () => {
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toMatch(/Applied: \d{14}_init/);
    const migrations = await query<{ migration_name: string; finished_at: Date | null }>(
      'SELECT migration_name, finished_at FROM _prisma_migrations',
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('has the document’s 15 tables with its columns, plus only the listed additions', async () => {
    const rows = await query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[row.table_name] ??= []).push(row.column_name);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(allTables).sort());
    for (const [table, columns] of Object.entries(allTables)) {
      const expected = [...columns, ...(ADDED_COLUMNS[table] ?? [])].sort();
      expect({ table, columns: actual[table]?.sort() }).toEqual({ table, columns: expected });
    }
    const createdAt = await query<{
      table_name: string;
      data_type: string;
      column_default: string;
    }>(
      `SELECT table_name, data_type, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'created_at' AND table_name <> '_prisma_migrations'`,
    );
    expect(createdAt).toHaveLength(Object.keys(allTables).length);
    for (const column of createdAt) {
      expect(column.data_type).toBe('timestamp with time zone');
      expect(column.column_default).toMatch(/CURRENT_TIMESTAMP|now\(\)/);
    }
  });

  it('keys every table by a UUID defaulting to gen_random_uuid(), refresh_tokens by token', async () => {
    const keys = await query<{
      table_name: string;
      column_name: string;
      data_type: string;
      column_default: string | null;
    }>(
      `SELECT c.table_name, c.column_name, c.data_type, c.column_default
         FROM information_schema.table_constraints t
         JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name AND k.table_name = t.table_name
         JOIN information_schema.columns c ON c.table_name = k.table_name AND c.column_name = k.column_name
        WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = 'public' AND t.table_name <> '_prisma_migrations'`,
    );
    // Pairs are keyed by the pair, not by an id of their own; a buddy profile by its person.
    const pairKeys: Record<string, string[]> = {
      rant_supports: ['rant_id', 'supporter_hash'],
      rant_reports: ['rant_id', 'reporter_hash'],
      buddy_candidates: ['user_id', 'candidate_id'],
      survey_participations: ['survey_id', 'employee_id'],
      survey_audiences: ['survey_id', 'employee_id'],
      org_wellness_contributions: ['org_id', 'member_key'],
    };
    expect(keys).toHaveLength(Object.keys(allTables).length + Object.keys(pairKeys).length);
    for (const key of keys) {
      if (key.table_name === 'refresh_tokens') {
        expect(key.column_name).toBe('token');
      } else if (key.table_name === 'sso_used_tokens') {
        expect(key.column_name).toBe('token_hash');
      } else if (key.table_name === 'buddy_profiles') {
        expect(key).toEqual({ ...key, column_name: 'user_id', data_type: 'uuid' });
      } else if (pairKeys[key.table_name]) {
        expect(pairKeys[key.table_name]).toContain(key.column_name);
      } else {
        expect(key).toEqual({
          ...key,
          column_name: 'id',
          data_type: 'uuid',
          column_default: 'gen_random_uuid()',
        });
      }
    }
  });

  it('has the 14 foreign keys of the document plus refresh_tokens.user_id, each with its delete rule', async () => {
    const rows = await query<{ fk: string }>(
      `SELECT format('%s.%s -> %s ON DELETE %s', k.table_name, k.column_name, u.table_name, r.delete_rule) AS fk
         FROM information_schema.referential_constraints r
         JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name
         JOIN information_schema.constraint_column_usage u ON u.constraint_name = r.constraint_name
        WHERE r.constraint_schema = 'public'`,
    );
    expect(rows.map((row) => row.fk).sort()).toEqual([...FOREIGN_KEYS].sort());
  });

  it('has the unique constraints, idx_refresh_tokens_user_id and an index on every foreign key', async () => {
    const indexes = await query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const byName = new Map(indexes.map((index) => [index.indexname, index.indexdef]));
    expect(byName.get('users_email_unique')).toMatch(/UNIQUE INDEX .* \(email\)/);
    expect(byName.get('employees_anonymized_id_unique')).toMatch(
      /UNIQUE INDEX .* \(anonymized_id\)/,
    );
    expect(byName.get('idx_refresh_tokens_user_id')).toMatch(/\(user_id\)/);
    for (const fk of FOREIGN_KEYS) {
      const [, table, column] = /^(\w+)\.(\w+)/.exec(fk) ?? [];
      const leading = indexes.some((index) =>
        new RegExp(`ON public\\.${table} USING \\w+ \\(${column}[ ,)]`).test(index.indexdef),
      );
      expect({ fk, indexed: leading }).toEqual({ fk, indexed: true });
    }
  });

  it('stores every JSON column as jsonb', async () => {
    const rows = await query<{ col: string; data_type: string }>(
      `SELECT table_name || '.' || column_name AS col, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('json', 'jsonb')`,
    );
    expect(rows.map((row) => row.col).sort()).toEqual([...JSONB_COLUMNS].sort());
    expect(new Set(rows.map((row) => row.data_type))).toEqual(new Set(['jsonb']));
  });

  it('treats emails as unique whatever their case', async () => {
    await db.query(`INSERT INTO users (email, password) VALUES ('Ann@Example.org', 'x')`);
    await expect(
      db.query(`INSERT INTO users (email, password) VALUES ('ann@example.ORG', 'x')`),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('refuses out-of-range values and unknown enum values in the database itself', async () => {
    const [{ id }] = await query<{ id: string }>(
      `INSERT INTO users (email, password) VALUES ('checks@example.org', 'x') RETURNING id`,
    );
    for (const score of [0, 11]) {
      await expect(
        db.query('INSERT INTO mood_entries (user_id, mood_score) VALUES ($1, $2)', [id, score]),
      ).rejects.toMatchObject({ code: '23514' });
      await expect(
        db.query(`INSERT INTO journals (user_id, content, mood_score) VALUES ($1, 'x', $2)`, [
          id,
          score,
        ]),
      ).rejects.toMatchObject({ code: '23514' });
    }
    await db.query('INSERT INTO mood_entries (user_id, mood_score) VALUES ($1, 1), ($1, 10)', [id]);
    await expect(
      db.query(`UPDATE users SET role = 'superuser' WHERE id = $1`, [id]),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      db.query(
        `INSERT INTO courses (title, description, duration_minutes, difficulty) VALUES ('t', 'd', 5, 'expert')`,
      ),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      db.query('INSERT INTO buddy_matches (user_a_id, user_b_id) VALUES ($1, $1)', [id]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses a second booking that overlaps a therapist’s live appointment', async () => {
    const [{ id: userId }] = await query<{ id: string }>(
      `INSERT INTO users (email, password) VALUES ('booker@example.org', 'x') RETURNING id`,
    );
    const [{ id: therapistId }] = await query<{ id: string }>(
      `INSERT INTO therapists (name, specialization, license_number) VALUES ('T', 'anxiety', 'L-1') RETURNING id`,
    );
    const book = (start: string, end: string) =>
      db.query(
        'INSERT INTO appointments (therapist_id, user_id, start_time, end_time) VALUES ($1, $2, $3, $4) RETURNING id',
        [therapistId, userId, start, end],
      );
    const first = await book('2030-01-01T10:00Z', '2030-01-01T11:00Z');
    await expect(book('2030-01-01T10:30Z', '2030-01-01T11:30Z')).rejects.toMatchObject({
      code: '23P01',
    });
    await book('2030-01-01T11:00Z', '2030-01-01T12:00Z'); // back to back is fine
    await db.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [
      first.rows[0].id,
    ]);
    await book('2030-01-01T10:00Z', '2030-01-01T11:00Z'); // a cancelled slot is free again
  });

  it('keeps nothing in anonymous_rants, rant_supports, rant_reports or survey_responses that leads to a person', async () => {
    const references = await query<{ link: string }>(
      `SELECT k.table_name || ' -> ' || u.table_name AS link FROM information_schema.referential_constraints r
         JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name
         JOIN information_schema.constraint_column_usage u ON u.constraint_name = r.constraint_name
        WHERE k.table_name IN ('anonymous_rants', 'survey_responses', 'rant_supports', 'rant_reports')`,
    );
    // Only to their survey and their post: never to users or employees.
    expect(references.map((row) => row.link).sort()).toEqual([
      'rant_reports -> anonymous_rants',
      'rant_supports -> anonymous_rants',
      'survey_responses -> wellbeing_surveys',
    ]);
    const columns = await query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name IN ('anonymous_rants', 'survey_responses', 'rant_supports', 'rant_reports')
          AND (column_name LIKE '%user%' OR column_name LIKE '%employee%' OR column_name LIKE '%ip%'
               OR column_name LIKE '%agent%' OR column_name LIKE '%email%')`,
    );
    expect(columns).toEqual([]);
  });

  it('changes nothing when run a second time', async () => {
    const schemaBefore = await query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    const second = await runBuiltCli('database/migrations/cli.js', ['migrate'], {
      DATABASE_URL: database.url,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No pending migrations.');
    const schemaAfter = await query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    expect(schemaAfter).toEqual(schemaBefore);
  });

  it('stops with the engine’s message when a migration fails', async () => {
    const broken = await createTestDatabase({ empty: true });
    try {
      const bad = new pg.Client({ connectionString: broken.url });
      await bad.connect();
      await bad.query('CREATE TABLE users (id int)'); // someone else's table: not ours to migrate
      const result = await runBuiltCli('database/migrations/cli.js', ['migrate'], {
        DATABASE_URL: broken.url,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/database schema is not empty/);
      const tables = await bad.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.rows).toEqual([{ table_name: 'users' }]);
      await bad.end();
    } finally {
      await broken.drop();
    }
  });
});
