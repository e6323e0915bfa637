import { DateTime } from 'luxon';
import { Webhook } from 'standardwebhooks';
import {
  columnName,
  ENCRYPTED_COLUMNS,
  JOURNAL_CONTENT,
} from '../src/common/crypto/encrypted-columns.js';
import { EncryptedRowsRepository } from '../src/common/crypto/encrypted-rows.repository.js';
import { SealedColumns } from '../src/common/crypto/sealed-columns.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { runBuiltCli } from './support/cli.js';
import { startTestApp, TEST_ENCRYPTION_KEYS, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait-for.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';
import { openSurvey } from './factories/catalogue.js';
import { platformAdmin } from './factories/people.js';

const [OLD_KEY, NEW_KEY] = TEST_ENCRYPTION_KEYS.split(',');
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** One signing secret for every start: access tokens outlive the restarts, as in production. */
const JWT_SECRET = 'key rotation test secret of at least thirty-two characters';

/** Every stored key id of every encrypted value, by table (survey answers name theirs inside). */
async function keyIdsByTable(prisma: PrismaService): Promise<Record<string, string[]>> {
  const rows = await prisma.$queryRaw<Array<{ table: string; keyId: string }>>`
    SELECT 'journals' AS table, encryption_key_id AS "keyId" FROM journals
    UNION ALL SELECT 'mood_entries', encryption_key_id FROM mood_entries WHERE notes IS NOT NULL
    UNION ALL SELECT 'appointments', encryption_key_id FROM appointments WHERE notes IS NOT NULL
    UNION ALL SELECT 'anonymous_rants', encryption_key_id FROM anonymous_rants
    UNION ALL SELECT 'webhook_subscriptions', encryption_key_id FROM webhook_subscriptions
    UNION ALL SELECT 'survey_responses', answer.value ->> 'keyId'
                FROM survey_responses r CROSS JOIN LATERAL jsonb_each(r.responses) AS answer
               WHERE jsonb_typeof(answer.value) = 'object'`;
  const byTable: Record<string, string[]> = {};
  for (const row of rows) (byTable[row.table] ??= []).push(row.keyId);
  return byTable;
}

/**
 * The promise of key rotation: data of every feature written under a key is moved by
 * `npm run crypto:reencrypt`, and once that key is removed every reader still gets it back.
 */
describe('key rotation across every encrypted column', () => {
  let database: TestDatabase;
  let t: TestApp | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t!.app.inject(options);
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
    inject({ method, url: `/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
  const ok = async (response: Promise<{ statusCode: number; body: string }>, status = 200) => {
    const answered = await response;
    if (answered.statusCode !== status) {
      throw new Error(`expected ${status}, got ${answered.statusCode}: ${answered.body}`);
    }
    return JSON.parse(answered.body || 'null');
  };
  const stop = async () => {
    await t?.app.close();
    t = undefined;
  };
  /** The service on the one database, restarted with `env`: never two apps at once. */
  const start = async (env: Record<string, string>) => {
    await stop();
    t = await startTestApp({ env: { REDIS_URL: '', JWT_SECRET, ...env }, database });
    return t.app.get(PrismaService);
  };
  /** `npm run crypto:reencrypt` with both keys, the new one active. */
  const reencrypt = () =>
    runBuiltCli('reencrypt.js', [], {
      DATABASE_URL: database.url,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ANONYMITY_KEY: 'test anonymity key of at least thirty-two characters',
      LOG_LEVEL: 'silent',
    });

  /** What was written under the old key, and how to read it back. */
  const written = {
    journal: 'The night before the review I could not sleep',
    mood: 'Tired, but the walk helped',
    appointment: 'I would like to talk about grief',
    rant: 'Third reorganisation this year and nobody asked us',
    comments: ['Fewer meetings', 'A quiet room', 'Clearer goals'],
  };
  let ana: SignedIn;
  let orgAdmin: SignedIn;
  let journalId: string;
  let appointmentId: string;
  let surveyId: string;
  let webhookSecret: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await stop().catch(() => undefined);
    await database?.drop();
    await receiver?.close();
  });

  it('writes data of every feature while the old key is the active one', async () => {
    const prisma = await start({ ENCRYPTION_ACTIVE_KEY: 'k2025' });
    ana = await register(t!.app, 'ana');
    journalId = (
      await ok(call('POST', '/journals', ana.accessToken, { content: written.journal }), 201)
    ).id;
    await ok(call('POST', '/mood', ana.accessToken, { moodScore: 4, notes: written.mood }), 201);
    await ok(call('POST', '/rants', ana.accessToken, { content: written.rant }), 201);

    const platform = await platformAdmin(t!.app, 'platform');
    const platformToken = (
      await ok(
        inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: platform.email, password: platform.password },
        }),
      )
    ).accessToken as string;

    const therapist = await ok(
      call('POST', '/therapists', platformToken, {
        name: 'Dr. Lea Brandt',
        specialization: 'grief',
        licenseNumber: 'PP-HH-1100',
        availability: {
          timezone: 'Europe/Berlin',
          weekly: DAYS.map((day) => ({ day, start: '09:00', end: '17:00' })),
        },
      }),
      201,
    );
    const day = DateTime.now().setZone('Europe/Berlin').startOf('day').plus({ days: 5 });
    const [slot] = (
      await ok(
        call(
          'GET',
          `/therapists/${therapist.id}/slots?from=${encodeURIComponent(day.toISO()!)}` +
            `&to=${encodeURIComponent(day.plus({ days: 1 }).toISO()!)}`,
          ana.accessToken,
        ),
      )
    ).slots;
    appointmentId = (
      await ok(
        call('POST', '/appointments', ana.accessToken, {
          therapistId: therapist.id,
          startTime: slot.startTime,
          notes: written.appointment,
        }),
        201,
      )
    ).id;

    orgAdmin = await register(t!.app, 'org-admin');
    const orgId = (
      await ok(
        call('POST', '/orgs', platformToken, {
          name: 'Acme',
          adminUserId: orgAdmin.user.id,
          minGroupSize: 3,
        }),
        201,
      )
    ).id as string;
    await ok(
      call('PATCH', `/orgs/${orgId}`, orgAdmin.accessToken, {
        settings: { commentsMinGroupSize: 3 },
      }),
    );
    webhookSecret = (
      await ok(
        call('POST', `/orgs/${orgId}/webhooks`, orgAdmin.accessToken, {
          url: receiver.url,
          events: ['survey.closed'],
        }),
        201,
      )
    ).secret;

    const members: SignedIn[] = [];
    for (const label of ['m1', 'm2', 'm3']) {
      const member = await register(t!.app, label);
      await prisma.employee.create({
        data: { userId: member.user.id, orgId, anonymizedId: newAnonymizedId() },
      });
      members.push(member);
    }
    surveyId = await openSurvey(t!.app, orgId, orgAdmin.accessToken, [
      { id: 'rested', text: 'I feel rested.', type: 'likert', required: true },
      { id: 'ideas', text: 'What would help?', type: 'free_text', required: true },
    ]);
    for (const [index, member] of members.entries()) {
      await ok(
        call('POST', `/surveys/${surveyId}/responses`, member.accessToken, {
          answers: { rested: 3, ideas: written.comments[index] },
        }),
        201,
      );
    }

    // Every registry column holds data here: a column added to the registry needs some too.
    const keyIds = await keyIdsByTable(prisma);
    expect(Object.keys(keyIds).sort()).toEqual(
      [...new Set(ENCRYPTED_COLUMNS.map((column) => column.table))].sort(),
    );
    for (const ids of Object.values(keyIds)) expect(new Set(ids)).toEqual(new Set(['k2025']));
    await stop();
  });

  it('never overwrites a value edited while the walk was reading it', async () => {
    const prisma = await start({ ENCRYPTION_ACTIVE_KEY: 'k2025' });
    const rows = new EncryptedRowsRepository(prisma);
    const draft = await ok(call('POST', '/journals', ana.accessToken, { content: 'draft' }), 201);
    const read = (await rows.staleText(JOURNAL_CONTENT, 'k2026', null, 100)).find(
      (row) => row.id === draft.id,
    )!;
    // Edited meanwhile by a process still sealing with the old key: same key id, new text.
    await ok(call('PATCH', `/journals/${draft.id}`, ana.accessToken, { content: 'edited' }));
    const resealed = t!.app
      .get(SealedColumns)
      .seal(JOURNAL_CONTENT, { user_id: ana.user.id }, 'draft');
    expect(await rows.replaceText(JOURNAL_CONTENT, read, resealed)).toBe(false);
    expect((await ok(call('GET', `/journals/${draft.id}`, ana.accessToken))).content).toBe(
      'edited',
    );
    await stop();
  });

  it('moves every encrypted value onto the new key with crypto:reencrypt', async () => {
    const result = await reencrypt();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const moved: Record<string, number> = {
      'journals.content': 2,
      'mood_entries.notes': 1,
      'appointments.notes': 1,
      'anonymous_rants.content': 1,
      'webhook_subscriptions.secret': 1,
      'survey_responses.responses': 3,
    };
    expect(Object.keys(moved).sort()).toEqual(ENCRYPTED_COLUMNS.map(columnName).sort());
    for (const [column, count] of Object.entries(moved)) {
      expect(result.stdout).toContain(`  ${column}: ${count} moved, 0 left under other keys\n`);
    }
    expect(result.stdout).toMatch(/the other keys can be removed/);

    const prisma = await start({});
    const keyIds = await keyIdsByTable(prisma);
    for (const ids of Object.values(keyIds)) expect(new Set(ids)).toEqual(new Set(['k2026']));
    await stop();

    // Run again, nothing is left to move.
    const again = await reencrypt();
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/[1-9]\d* moved/);
  });

  it('reads every feature back with the old key removed', async () => {
    await start({ ENCRYPTION_KEYS: NEW_KEY });
    expect(t!.config.ENCRYPTION_KEYS).not.toContain(OLD_KEY);

    const journal = await ok(call('GET', `/journals/${journalId}`, ana.accessToken));
    expect(journal.content).toBe(written.journal);
    const mood = await ok(call('GET', '/mood', ana.accessToken));
    expect(mood.items.map((item: { notes: string }) => item.notes)).toEqual([written.mood]);
    const appointment = await ok(call('GET', `/appointments/${appointmentId}`, ana.accessToken));
    expect(appointment.notes).toBe(written.appointment);
    const exported = await ok(call('GET', '/me/export', ana.accessToken));
    expect(JSON.stringify(exported)).toContain(written.journal);
    expect(JSON.stringify(exported)).toContain(written.mood);
    expect(exported.appointments).toEqual([
      expect.objectContaining({ id: appointmentId, notes: written.appointment }),
    ]);

    const feed = await ok(call('GET', '/rants', ana.accessToken));
    expect(feed.items.map((item: { content: string }) => item.content)).toEqual([written.rant]);

    // Closing the survey signs a webhook delivery with the secret sealed under the old key.
    await ok(call('POST', `/surveys/${surveyId}/close`, orgAdmin.accessToken));
    const results = await ok(call('GET', `/surveys/${surveyId}/results`, orgAdmin.accessToken));
    expect(results.freeText).toEqual([
      { questionId: 'ideas', answers: expect.arrayContaining(written.comments) },
    ]);
    const [delivery] = await waitFor(
      'the survey.closed delivery',
      () => receiver.received.length > 0 && receiver.received,
    );
    const body = new Webhook(webhookSecret).verify(
      delivery.body,
      delivery.headers as Record<string, string>,
    );
    expect(body).toMatchObject({ event: 'survey.closed', data: { surveyId } });
  });

  it('reports a value it cannot open, leaves it, and exits 1 so the key is kept', async () => {
    const prisma = await start({ ENCRYPTION_KEYS: NEW_KEY });
    const lost = await prisma.journal.create({
      data: { userId: ana.user.id, content: 'bm90IGNpcGhlcnRleHQ', encryptionKeyId: 'k2019' },
    });
    await stop();
    const result = await reencrypt();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  journals.content: 0 moved, 1 left under other keys\n');
    expect(result.stdout).toContain(`${lost.id}: Encryption key "k2019" is not configured.`);
    expect(result.stdout).toMatch(/keep those keys/);
  });
});
