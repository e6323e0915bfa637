import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { compatibilityScore } from '../src/buddies/compatibility.js';
import { PrismaService } from '../src/database/prisma.service.js';
import type { JobName, JobPayload } from '../src/jobs/job-catalogue.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { WorkerModule } from '../src/worker.module.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, testConfig, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

interface Profile {
  interests: string[];
  goals?: string[];
  preferredHours: number[];
  timezone?: string;
}

interface Suggestion {
  userId: string;
  displayName: string | null;
  interests: string[];
  goals: string[];
  compatibilityScore: number;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** Calls for one app: people, profiles, suggestions, requests. */
function buddiesClient(app: TestApp['app']) {
  const call = (
    who: SignedIn,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url: `/v1/buddies${url}`, headers: bearer(who.accessToken), payload });
  return {
    call,
    async person(name: string, profile?: Profile): Promise<SignedIn> {
      const who = await register(app, name.toLowerCase());
      await app.inject({
        method: 'PATCH',
        url: '/v1/me',
        headers: bearer(who.accessToken),
        payload: { displayName: name },
      });
      if (profile) {
        const saved = await call(who, 'PUT', '/profile', profile);
        if (saved.statusCode !== 200) throw new Error(`profile: ${saved.statusCode} ${saved.body}`);
      }
      return who;
    },
    suggestionsOf: async (who: SignedIn): Promise<Suggestion[]> =>
      (await call(who, 'GET', '/suggestions?limit=50')).json().items,
    request: (from: SignedIn, to: SignedIn) =>
      call(from, 'POST', '/requests', { userId: to.user.id }),
  };
}

const ids = (suggestions: Suggestion[]) => suggestions.map((suggestion) => suggestion.userId);

describe('buddy matching', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let api: ReturnType<typeof buddiesClient>;
  const runJob = <Name extends JobName>(name: Name, payload: JobPayload<Name>) =>
    t.app.get(JobRegistry).get(name).handle(payload);
  const candidateRows = () =>
    prisma.buddyCandidate.findMany({
      select: { userId: true, candidateId: true, compatibilityScore: true },
      orderBy: [{ userId: 'asc' }, { candidateId: 'asc' }],
    });
  const rowsBetween = (one: SignedIn, other: SignedIn) =>
    prisma.buddyCandidate.count({
      where: {
        OR: [
          { userId: one.user.id, candidateId: other.user.id },
          { userId: other.user.id, candidateId: one.user.id },
        ],
      },
    });
  const waitUntilSuggested = (who: SignedIn, ...others: SignedIn[]) =>
    waitFor('the suggestions', async () => {
      const list = await api.suggestionsOf(who);
      return others.every((other) => ids(list).includes(other.user.id)) && list;
    });

  beforeAll(async () => {
    // Jobs run in-process, in the API, so a saved profile's recompute happens here.
    t = await startTestApp({ env: { REDIS_URL: '' } });
    prisma = t.app.get(PrismaService);
    api = buddiesClient(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('saves a profile with normalised tags, the account time zone by default, and hours in UTC', async () => {
    const kiran = await api.person('Kiran');
    expect((await api.call(kiran, 'GET', '/profile')).statusCode).toBe(404);
    await t.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: bearer(kiran.accessToken),
      payload: { timezone: 'Asia/Kolkata' },
    });
    const saved = await api.call(kiran, 'PUT', '/profile', {
      interests: [' Chess ', 'chess', 'board-games'],
      goals: ['sleep', 'sleep'],
      preferredHours: [20, 9, 9],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      interests: ['chess', 'board-games'],
      goals: ['sleep'],
      preferredHours: [9, 20],
      timezone: 'Asia/Kolkata',
    });
    expect((await api.call(kiran, 'GET', '/profile')).json()).toEqual(saved.json());
    // India is 5:30 ahead all year: 09:00 starts at 03:30 UTC, 20:00 at 14:30 UTC.
    const stored = await prisma.buddyProfile.findUniqueOrThrow({
      where: { userId: kiran.user.id },
    });
    expect(stored).toMatchObject({ utcHours: [3, 14], utcOffsetMinutes: 330 });
  });

  describe('refuses bad input with a problem naming the field, and changes nothing', () => {
    const valid: Profile = { interests: ['hiking'], goals: ['stress'], preferredHours: [9] };
    it.each([
      ['an unknown goal', { ...valid, goals: ['world-domination'] }, 'goals'],
      ['hour 24', { ...valid, preferredHours: [9, 24] }, 'preferredHours'],
      ['an invalid time zone', { ...valid, timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['21 interests', { ...valid, interests: range(1, 21).map((n) => `topic-${n}`) }, 'interests'],
      ['no hours', { ...valid, preferredHours: [] }, 'preferredHours'],
      ['a tag that is no slug', { ...valid, interests: ['rock & roll'] }, 'interests'],
    ])('%s', async (_case, body, field) => {
      const optedIn = await api.person('Valid', valid);
      const before = (await api.call(optedIn, 'GET', '/profile')).json();
      const newcomer = await api.person('Newcomer');
      for (const who of [optedIn, newcomer]) {
        const response = await api.call(who, 'PUT', '/profile', body);
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([
          field,
        ]);
      }
      expect((await api.call(optedIn, 'GET', '/profile')).json()).toEqual(before);
      expect(await prisma.buddyProfile.count({ where: { userId: newcomer.user.id } })).toBe(0);
    });

    it('a suggestion limit out of range, or ids that are not uuids', async () => {
      const who = await api.person('Limits', valid);
      for (const url of ['/suggestions?limit=51', '/suggestions?limit=0']) {
        expect((await api.call(who, 'GET', url)).statusCode).toBe(400);
      }
      const request = await api.call(who, 'POST', '/requests', { userId: 'not-a-uuid' });
      expect(request.json().errors[0].field).toBe('userId');
      expect((await api.call(who, 'POST', '/matches/not-a-uuid/accept')).statusCode).toBe(400);
    });
  });

  it('asks people to opt in before it suggests anyone', async () => {
    const outsider = await api.person('Outsider');
    const response = await api.call(outsider, 'GET', '/suggestions');
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/opt in/i);
  });

  it('suggests by stored score, best first, with the same score the TypeScript formula gives', async () => {
    // Scores chosen to end exactly on a half at the fifth decimal: 0.5 * 1/3 + 0.3 * 9/16 +
    // 0.2 * 2/3 = 0.46875, which term-by-term decimal arithmetic would round down.
    const ada = await api.person('Ada', {
      interests: ['pottery', 'jazz'],
      goals: ['sleep', 'stress'],
      preferredHours: range(0, 15),
      timezone: 'UTC',
    });
    const bea = await api.person('Bea', {
      interests: ['jazz', 'climbing'],
      goals: ['sleep', 'stress', 'anxiety'],
      preferredHours: range(7, 22),
      timezone: 'UTC',
    });
    // Only the hours overlap: 0.3 * 9/16 = 0.16875, which floating point puts at 0.16874999...
    const cyd = await api.person('Cyd', {
      interests: ['origami'],
      goals: ['exercise'],
      preferredHours: range(7, 22),
      timezone: 'UTC',
    });
    const chen = await api.person('Chen', {
      interests: ['pottery'],
      preferredHours: [9],
      timezone: 'Asia/Kolkata',
    });
    // Far away in time and sharing nothing: never even scored against Ada.
    const dario = await api.person('Dario', {
      interests: ['surfing'],
      goals: ['exercise'],
      preferredHours: [12],
      timezone: 'America/Los_Angeles',
    });
    const suggestions = await waitUntilSuggested(ada, bea, cyd, chen);
    expect(ids(suggestions)).not.toContain(dario.user.id);
    const scores = suggestions.map((suggestion) => suggestion.compatibilityScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const forBea = suggestions.find((suggestion) => suggestion.userId === bea.user.id);
    expect(forBea).toEqual({
      userId: bea.user.id,
      displayName: 'Bea',
      interests: ['jazz'],
      goals: ['sleep', 'stress', 'anxiety'],
      compatibilityScore: 0.4688,
    });

    expect(suggestions.find((suggestion) => suggestion.userId === cyd.user.id)).toMatchObject({
      interests: [],
      compatibilityScore: 0.1688,
    });

    // Every stored score, of every pair the passes wrote, is the TypeScript function’s value.
    const profiles = new Map(
      (await prisma.buddyProfile.findMany()).map((profile) => [profile.userId, profile]),
    );
    const rows = await candidateRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const expected = compatibilityScore(
        profiles.get(row.userId)!,
        profiles.get(row.candidateId)!,
      );
      expect({ ...row, compatibilityScore: expected }).toEqual(row);
    }
  });

  it('never matches someone with themselves', async () => {
    const solo = await api.person('Solo', { interests: ['reading'], preferredHours: [7] });
    const response = await api.request(solo, solo);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await api.call(solo, 'POST', '/blocks', { userId: solo.user.id })).statusCode).toBe(
      422,
    );
    const rows = await prisma.buddyMatch.count({
      where: { OR: [{ userAId: solo.user.id }, { userBId: solo.user.id }] },
    });
    expect(rows).toBe(0);
    expect(ids(await api.suggestionsOf(solo))).not.toContain(solo.user.id);
  });

  it('keeps one live match per pair, whoever asks, and moves it only from the right state', async () => {
    const profile = { interests: ['baking'], preferredHours: [18] };
    const eli = await api.person('Eli', profile);
    const fay = await api.person('Fay', profile);
    const stranger = await api.person('Stranger', profile);
    await waitUntilSuggested(eli, fay);
    const asked = await api.request(eli, fay);
    expect(asked.statusCode).toBe(201);
    const match = asked.json();
    expect(match).toMatchObject({
      userId: fay.user.id,
      displayName: 'Fay',
      status: 'pending',
      direction: 'outgoing',
    });
    expect((await api.request(fay, eli)).statusCode).toBe(409);
    expect((await api.request(eli, fay)).statusCode).toBe(409);
    expect((await api.call(fay, 'GET', '/matches')).json().items).toEqual([
      expect.objectContaining({
        id: match.id,
        userId: eli.user.id,
        displayName: 'Eli',
        direction: 'incoming',
      }),
    ]);
    // Neither is suggested to the other while the request is open.
    expect(ids(await api.suggestionsOf(eli))).not.toContain(fay.user.id);

    const answer = (who: SignedIn, action: string) =>
      api.call(who, 'POST', `/matches/${match.id}/${action}`);
    expect((await answer(eli, 'accept')).statusCode).toBe(403);
    expect((await answer(stranger, 'accept')).statusCode).toBe(404);
    expect((await answer(stranger, 'end')).statusCode).toBe(404);
    const accepted = await answer(fay, 'accept');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'active', direction: 'incoming' });
    expect((await answer(fay, 'accept')).statusCode).toBe(409);
    expect((await answer(fay, 'decline')).statusCode).toBe(409);
    expect((await api.request(fay, eli)).statusCode).toBe(409);
    expect((await answer(eli, 'end')).json()).toMatchObject({ status: 'ended' });
    expect((await answer(eli, 'end')).statusCode).toBe(409);
    expect((await api.call(eli, 'GET', '/matches')).json().items).toEqual([]);

    // Once ended, either may ask again; a declined request is no longer live either.
    const again = await api.request(fay, eli);
    expect(again.statusCode).toBe(201);
    const declined = await api.call(eli, 'POST', `/matches/${again.json().id}/decline`);
    expect(declined.json()).toMatchObject({ status: 'declined' });
  });

  it('lets exactly one of two crossing requests through', async () => {
    const profile = { interests: ['chess'], preferredHours: [12] };
    for (let round = 0; round < 3; round++) {
      const gus = await api.person('Gus', profile);
      const hana = await api.person('Hana', profile);
      const responses = await Promise.all([api.request(gus, hana), api.request(hana, gus)]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
      const live = await prisma.buddyMatch.count({
        where: {
          status: { in: ['pending', 'active'] },
          OR: [
            { userAId: gus.user.id, userBId: hana.user.id },
            { userAId: hana.user.id, userBId: gus.user.id },
          ],
        },
      });
      expect(live).toBe(1);
    }
  });

  it('pages one’s matches one by one, newest first', async () => {
    const profile = { interests: ['chess'], preferredHours: [20] };
    const sam = await api.person('Sam', profile);
    const others = [
      await api.person('Tao', profile),
      await api.person('Uma', profile),
      await api.person('Vic', profile),
    ];
    const requested: string[] = [];
    for (const other of others) {
      const asked = await api.request(sam, other);
      expect(asked.statusCode).toBe(201);
      requested.push(asked.json().id);
    }
    const pages = await walkOneByOne<{ id: string }>(
      t.app,
      '/v1/buddies/matches',
      bearer(sam.accessToken),
    );
    expect(pages.map((page) => page.items.length)).toEqual([1, 1, 1]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(requested.reverse());
  });

  it('answers suggestions as one page, with no next page', async () => {
    const profile = { interests: ['kayaking'], preferredHours: [9] };
    const wes = await api.person('Wes', profile);
    const xia = await api.person('Xia', profile);
    await waitUntilSuggested(wes, xia);
    const response = await api.call(wes, 'GET', '/suggestions?limit=1');
    expect(response.json()).toMatchObject({ nextCursor: null });
    expect(response.json().items).toHaveLength(1);
    expect(response.headers.link).toBeUndefined();
  });

  it('holds blocks both ways, through recomputes, without telling the person blocked', async () => {
    const profile = { interests: ['knitting'], goals: ['mindfulness'], preferredHours: [21] };
    const ivy = await api.person('Ivy', profile);
    const jon = await api.person('Jon', profile);
    await waitUntilSuggested(ivy, jon);
    await waitUntilSuggested(jon, ivy);

    expect((await api.call(ivy, 'POST', '/blocks', { userId: jon.user.id })).statusCode).toBe(204);
    expect((await api.call(ivy, 'POST', '/blocks', { userId: jon.user.id })).statusCode).toBe(204);
    const expectApart = async () => {
      expect(ids(await api.suggestionsOf(ivy))).not.toContain(jon.user.id);
      expect(ids(await api.suggestionsOf(jon))).not.toContain(ivy.user.id);
      expect(await rowsBetween(ivy, jon)).toBe(0);
      for (const [from, to] of [
        [ivy, jon],
        [jon, ivy],
      ]) {
        const response = await api.request(from, to);
        expect(response.statusCode).toBe(404);
        expect(response.json().detail).not.toMatch(/block/i);
      }
    };
    await expectApart();
    await runJob('buddies.recompute-candidates', { userId: ivy.user.id });
    await runJob('buddies.recompute-candidates', { userId: jon.user.id });
    await runJob('buddies.recompute-all', {});
    await expectApart();

    // A live match that a block stops disappears for both, and the blocked one cannot act on it.
    const kim = await api.person('Kim', profile);
    const lou = await api.person('Lou', profile);
    const { id } = (await api.request(kim, lou)).json();
    expect((await api.call(lou, 'POST', '/blocks', { userId: kim.user.id })).statusCode).toBe(204);
    expect((await api.call(kim, 'GET', '/matches')).json().items).toEqual([]);
    expect((await api.call(lou, 'GET', '/matches')).json().items).toEqual([]);
    expect((await api.call(kim, 'POST', `/matches/${id}/end`)).statusCode).toBe(404);
    expect(await prisma.buddyMatch.findUnique({ where: { id } })).toMatchObject({
      status: 'blocked',
      userAId: lou.user.id,
      userBId: kim.user.id,
    });
  });

  it('takes people who opt out out of everyone’s suggestions and ends their matches, keeping blocks', async () => {
    const profile = { interests: ['gardening'], preferredHours: [6] };
    const max = await api.person('Max', profile);
    const nia = await api.person('Nia', profile);
    const oto = await api.person('Oto', profile);
    await waitUntilSuggested(max, nia);
    const { id } = (await api.request(max, nia)).json();
    await api.call(nia, 'POST', '/blocks', { userId: oto.user.id });

    expect((await api.call(nia, 'DELETE', '/profile')).statusCode).toBe(204);
    expect((await api.call(nia, 'DELETE', '/profile')).statusCode).toBe(404);
    expect((await api.call(nia, 'GET', '/profile')).statusCode).toBe(404);
    expect(ids(await api.suggestionsOf(max))).not.toContain(nia.user.id);
    expect(
      await prisma.buddyCandidate.count({
        where: { OR: [{ userId: nia.user.id }, { candidateId: nia.user.id }] },
      }),
    ).toBe(0);
    expect(await prisma.buddyMatch.findUnique({ where: { id } })).toMatchObject({
      status: 'ended',
    });
    expect((await api.request(max, nia)).statusCode).toBe(404);

    // Back in later, the block still holds.
    await api.call(nia, 'PUT', '/profile', profile);
    await waitUntilSuggested(nia, max);
    expect(ids(await api.suggestionsOf(nia))).not.toContain(oto.user.id);
    expect((await api.request(oto, nia)).statusCode).toBe(404);
  });

  it('recomputes idempotently, and converts hours again when a zone’s offset changes', async () => {
    const pia = await api.person('Pia', {
      interests: ['opera'],
      preferredHours: [9],
      timezone: 'Europe/Berlin',
    });
    // As if saved on the other side of a daylight-saving change.
    await prisma.buddyProfile.update({
      where: { userId: pia.user.id },
      data: { utcHours: [0], utcOffsetMinutes: 540 },
    });
    await runJob('buddies.recompute-all', {});
    const first = await candidateRows();
    const berlinNow = new Date().toLocaleString('en-US', {
      timeZone: 'Europe/Berlin',
      timeZoneName: 'shortOffset',
    });
    const offsetHours = berlinNow.endsWith('GMT+2') ? 2 : 1;
    expect(
      await prisma.buddyProfile.findUniqueOrThrow({ where: { userId: pia.user.id } }),
    ).toMatchObject({ utcHours: [9 - offsetHours], utcOffsetMinutes: offsetHours * 60 });

    await runJob('buddies.recompute-all', {});
    expect(await candidateRows()).toEqual(first);
    await runJob('buddies.recompute-candidates', { userId: pia.user.id });
    await runJob('buddies.recompute-candidates', { userId: pia.user.id });
    const afterOne = await candidateRows();
    await runJob('buddies.recompute-candidates', { userId: pia.user.id });
    expect(await candidateRows()).toEqual(afterOne);
  });
});

describe('buddy candidates computed by a separate worker', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;

  // Passport keeps one strategy per name for the whole process: the worker's would replace the
  // API's, so both use one key, as an API and its worker do in production.
  const shared = { JWT_SECRET: 'buddies worker test secret of at least 32 chars' };

  beforeAll(async () => {
    t = await startTestApp({ env: shared });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('writes the candidates of a profile saved through the API', async () => {
    expect(t.config.REDIS_URL).toBeTruthy();
    const api = buddiesClient(t.app);
    const profile = { interests: ['rowing'], preferredHours: [7] };
    const quinn = await api.person('Quinn', profile);
    const rosa = await api.person('Rosa', profile);
    const prisma = t.app.get(PrismaService);
    // The API only queues: with no worker running, nothing has computed anything.
    expect(await prisma.buddyCandidate.count()).toBe(0);

    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(
        testConfig({ ...shared, QUEUE_PREFIX: t.config.QUEUE_PREFIX }),
        t.database.url,
      ),
      { logger: false },
    );
    await worker.init();
    const rows = await waitFor('both candidate rows', async () => {
      const found = await prisma.buddyCandidate.findMany({ orderBy: { userId: 'asc' } });
      return found.length === 2 && found;
    });
    expect(rows.map((row) => [row.userId, row.candidateId]).sort()).toEqual(
      [
        [quinn.user.id, rosa.user.id],
        [rosa.user.id, quinn.user.id],
      ].sort(),
    );
    expect(ids(await api.suggestionsOf(quinn))).toEqual([rosa.user.id]);
  });
});
