import { FieldCipher } from '../src/common/crypto/field-cipher.js';
import { parseKeyRing } from '../src/common/crypto/key-ring.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, TEST_ENCRYPTION_KEYS, type TestApp } from './support/test-app.js';

const ZONE = 'America/Sao_Paulo'; // UTC-3 all year since 2019

/** The calendar date `offset` days from today in ZONE, as YYYY-MM-DD. */
function localDate(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

const at = (offset: number, time: string) => new Date(`${localDate(offset)}T${time}:00-03:00`);
const isoWeekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;

describe('mood tracking', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let ana: SignedIn;
  let bob: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    ana = await register(t.app, 'ana');
    bob = await register(t.app, 'bob');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores notes only as ciphertext, and reads rows written under an older key', async () => {
    const created = await inject({
      method: 'POST',
      url: '/v1/mood',
      headers: bearer(ana.accessToken),
      payload: { moodScore: 3, notes: 'argued with my sister' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ moodScore: 3, notes: 'argued with my sister' });
    const [row] = await prisma.$queryRaw<Array<{ notes: string; encryption_key_id: string }>>`
      SELECT notes, encryption_key_id FROM mood_entries WHERE id = ${created.json().id}::uuid`;
    expect(row.notes).not.toMatch(/sister/);
    expect(row.encryption_key_id).toBe('k2026');

    // A row written when k2025 was the active key stays readable.
    const oldCipher = new FieldCipher(parseKeyRing(TEST_ENCRYPTION_KEYS, 'k2025'));
    const sealed = oldCipher.encrypt(
      'written under last year’s key',
      `mood_entries.notes:${ana.user.id}`,
    );
    const old = await prisma.moodEntry.create({
      data: {
        userId: ana.user.id,
        moodScore: 5,
        notes: sealed.ciphertext,
        encryptionKeyId: sealed.keyId,
      },
    });
    const listed = await inject({
      method: 'GET',
      url: '/v1/mood?limit=100',
      headers: bearer(ana.accessToken),
    });
    expect(listed.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: old.id, notes: 'written under last year’s key' }),
      ]),
    );
  });

  it('validates input and answers 404 for another person’s entry', async () => {
    for (const payload of [
      { moodScore: 0 },
      { moodScore: 11 },
      { moodScore: 5, notes: 'x'.repeat(2001) },
      { moodScore: 5.5 },
    ]) {
      const response = await inject({
        method: 'POST',
        url: '/v1/mood',
        headers: bearer(ana.accessToken),
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
    const entry = (
      await inject({
        method: 'POST',
        url: '/v1/mood',
        headers: bearer(ana.accessToken),
        payload: { moodScore: 6 },
      })
    ).json();
    const foreignPatch = await inject({
      method: 'PATCH',
      url: `/v1/mood/${entry.id}`,
      headers: bearer(bob.accessToken),
      payload: { moodScore: 1 },
    });
    expect(foreignPatch.statusCode).toBe(404);
    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/v1/mood/${entry.id}`,
          headers: bearer(bob.accessToken),
        })
      ).statusCode,
    ).toBe(404);
    expect((await prisma.moodEntry.findUniqueOrThrow({ where: { id: entry.id } })).moodScore).toBe(
      6,
    );

    const patched = await inject({
      method: 'PATCH',
      url: `/v1/mood/${entry.id}`,
      headers: bearer(ana.accessToken),
      payload: { notes: 'better now' },
    });
    expect(patched.json()).toMatchObject({ moodScore: 6, notes: 'better now' });
    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/v1/mood/${entry.id}`,
          headers: bearer(ana.accessToken),
        })
      ).statusCode,
    ).toBe(204);
  });

  it('pages newest first with a cursor, within a time range', async () => {
    const carol = await register(t.app, 'carol');
    for (const [offset, score] of [
      [-3, 1],
      [-2, 2],
      [-1, 3],
    ] as const) {
      await prisma.moodEntry.create({
        data: { userId: carol.user.id, moodScore: score, createdAt: at(offset, '12:00') },
      });
    }
    const first = (
      await inject({ method: 'GET', url: '/v1/mood?limit=2', headers: bearer(carol.accessToken) })
    ).json();
    expect(first.items.map((item: { moodScore: number }) => item.moodScore)).toEqual([3, 2]);
    const second = (
      await inject({
        method: 'GET',
        url: `/v1/mood?limit=2&cursor=${first.nextCursor}`,
        headers: bearer(carol.accessToken),
      })
    ).json();
    expect(second.items.map((item: { moodScore: number }) => item.moodScore)).toEqual([1]);
    expect(second.nextCursor).toBeNull();
    const ranged = (
      await inject({
        method: 'GET',
        url: `/v1/mood?from=${encodeURIComponent(at(-2, '00:00').toISOString())}&to=${encodeURIComponent(at(-1, '00:00').toISOString())}`,
        headers: bearer(carol.accessToken),
      })
    ).json();
    expect(ranged.items.map((item: { moodScore: number }) => item.moodScore)).toEqual([2]);
    expect(
      (
        await inject({
          method: 'GET',
          url: '/v1/mood?cursor=garbage',
          headers: bearer(carol.accessToken),
        })
      ).statusCode,
    ).toBe(400);
  });

  it('computes stats by calendar day in the person’s time zone, as worked out by hand', async () => {
    const dana = await register(t.app, 'dana');
    await prisma.user.update({ where: { id: dana.user.id }, data: { timezone: ZONE } });
    const entries: Array<[number, string, number]> = [
      [0, '00:30', 8],
      [-1, '23:30', 4], // 02:30 UTC the next day: a UTC bucketing would put it on today
      [-1, '08:00', 6],
      [-3, '12:00', 7],
      [-4, '12:00', 3],
      [-4, '18:00', 5],
      [-5, '12:00', 6],
      [-9, '12:00', 9], // before the 7-day window: counts for moving averages and streaks
    ];
    await prisma.moodEntry.createMany({
      data: entries.map(([offset, time, moodScore]) => ({
        userId: dana.user.id,
        moodScore,
        createdAt: at(offset, time),
      })),
    });

    const response = await inject({
      method: 'GET',
      url: '/v1/mood/stats?days=7',
      headers: bearer(dana.accessToken),
    });
    expect(response.statusCode).toBe(200);
    const stats = response.json();
    expect(stats).toMatchObject({ timezone: ZONE, days: 7, currentStreak: 2, longestStreak: 3 });

    // By hand: daily means, and 7-day means of the daily means (days without entries skipped).
    const expected = [
      { offset: -6, average: null, entries: 0, ma7: 9 },
      { offset: -5, average: 6, entries: 1, ma7: (9 + 6) / 2 },
      { offset: -4, average: 4, entries: 2, ma7: (9 + 6 + 4) / 3 },
      { offset: -3, average: 7, entries: 1, ma7: (9 + 6 + 4 + 7) / 4 },
      { offset: -2, average: null, entries: 0, ma7: (6 + 4 + 7) / 3 },
      { offset: -1, average: 5, entries: 2, ma7: (6 + 4 + 7 + 5) / 4 },
      { offset: 0, average: 8, entries: 1, ma7: (6 + 4 + 7 + 5 + 8) / 5 },
    ];
    expect(stats.daily).toHaveLength(7);
    expected.forEach((day, index) => {
      const actual = stats.daily[index];
      expect(actual.day).toBe(localDate(day.offset));
      expect(actual.average).toBe(day.average);
      expect(actual.entries).toBe(day.entries);
      expect(actual.movingAverage7).toBeCloseTo(day.ma7, 10);
    });
    expect(stats.daily[6].movingAverage30).toBeCloseTo((9 + 6 + 4 + 7 + 5 + 8) / 6, 10);

    // Least squares over (day, mean): days -5, -4, -3, -1, 0 with means 6, 4, 7, 5, 8.
    // Slope 6 / 17.2 points per day, so 7 * 6 / 17.2 per week.
    expect(stats.trendPerWeek).toBeCloseTo((7 * 6) / 17.2, 10);
    expect(stats.bestWeekday).toEqual({ isoWeekday: isoWeekday(localDate(0)), average: 8 });
    expect(stats.worstWeekday).toEqual({ isoWeekday: isoWeekday(localDate(-4)), average: 4 });
  });

  it('refuses a stats window over 365 days', async () => {
    const response = await inject({
      method: 'GET',
      url: '/v1/mood/stats?days=366',
      headers: bearer(ana.accessToken),
    });
    expect(response.statusCode).toBe(400);
  });
});
