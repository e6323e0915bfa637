import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { PrismaService } from '../src/database/prisma.service.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { OrgWellnessTriggers } from '../src/org-wellness/org-wellness-triggers.service.js';
import { computeOrgWellness } from '../src/org-wellness/wellness-score.js';
import { bearer, register, type SignedIn, uniqueEmail } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const RECOMPUTE = 'orgs.recompute-wellness';

interface Entry {
  at: Date;
  score: number;
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
/** Noon of the calendar day `days` before today, on the person's own clock. */
const localNoon = (timezone: string, days: number) =>
  DateTime.now().setZone(timezone).startOf('day').minus({ days }).set({ hour: 12 }).toJSDate();
const startOfUtcDay = () => DateTime.utc().startOf('day').toJSDate();

describe('organisation wellness', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let registry: JobRegistry;
  let platformToken: string;
  let orgAdmin: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const recompute = (orgId: string) => registry.get(RECOMPUTE).handle({ orgId });
  /** As if a day had passed since the organisation's last publication. */
  const aDayPasses = (orgId: string) =>
    prisma.$executeRaw`UPDATE org_wellness_snapshots SET created_at = created_at - interval '1 day'
                        WHERE org_id = ${orgId}::uuid`;

  async function login(person: SignedIn): Promise<string> {
    const response = await inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: person.email, password: person.password },
    });
    return response.json().accessToken as string;
  }

  async function createOrg(name: string, adminUserId?: string, minGroupSize?: number) {
    const response = await inject({
      method: 'POST',
      url: '/v1/orgs',
      headers: bearer(platformToken),
      payload: { name, adminUserId, minGroupSize },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  /** A person who never signs in, created straight in the database. */
  async function insertPerson(timezone = 'UTC'): Promise<string> {
    const user = await prisma.user.create({
      data: { email: uniqueEmail('member'), password: 'never used', timezone },
    });
    return user.id;
  }

  async function addMember(
    userId: string,
    orgId: string,
    department: string | null,
    extra: { endedAt?: Date; wellnessStreak?: number; orgRole?: 'manager' } = {},
  ) {
    await prisma.employee.create({
      data: {
        userId,
        orgId,
        department,
        anonymizedId: randomBytes(16).toString('base64url'),
        ...extra,
      },
    });
  }

  async function logMoods(userId: string, entries: Entry[]) {
    await prisma.moodEntry.createMany({
      data: entries.map((entry) => ({ userId, moodScore: entry.score, createdAt: entry.at })),
    });
  }

  async function openSurvey(
    orgId: string,
    scores: number[],
    dates: { openedAt: Date; closedAt?: Date },
  ) {
    const survey = await prisma.wellbeingSurvey.create({
      data: {
        orgId,
        title: 'Pulse',
        questions: [],
        status: dates.closedAt ? 'closed' : 'open',
        isActive: !dates.closedAt,
        ...dates,
      },
    });
    await prisma.surveyResponse.createMany({
      data: scores.map((wellnessScore, i) => ({
        surveyId: survey.id,
        anonymousToken: `token-${survey.id}-${i}`,
        responses: {},
        wellnessScore,
        createdAt: startOfUtcDay(),
      })),
    });
  }

  async function hrClientToken(orgId: string, scopes: string[]): Promise<string> {
    const created = await inject({
      method: 'POST',
      url: `/v1/orgs/${orgId}/api-clients`,
      headers: bearer(orgAdmin.accessToken),
      payload: { name: 'HRIS', scopes },
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json();
    const token = await inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
    });
    expect(token.statusCode).toBe(200);
    return token.json().access_token as string;
  }

  /** A department's tally as the recompute stores it, from the entries of the window. */
  function expectedTally(department: string, userIds: string[], moods: Map<string, Entry[]>) {
    const window = daysAgo(30);
    const means = userIds
      .map((userId) => (moods.get(userId) ?? []).filter((entry) => entry.at >= window))
      .filter((entries) => entries.length > 0)
      .map((entries) => entries.reduce((sum, entry) => sum + entry.score, 0) / entries.length);
    return {
      department,
      members: userIds.length,
      active: means.length,
      moodSum: expect.closeTo(
        means.reduce((sum, mean) => sum + ((mean - 1) / 9) * 100, 0),
        6,
      ) as unknown as number,
    };
  }

  const get = (url: string, token: string) =>
    inject({ method: 'GET', url: `/v1${url}`, headers: bearer(token) });

  // Org A: minGroupSize 6; Engineering has 7 members, Sales 5, all of whom logged moods.
  let orgA: string;
  let orgB: string;
  let manager: SignedIn;
  let individual: SignedIn;
  let outsideManager: SignedIn;
  let tokyo: string;
  let newYork: string;
  let lapsed: string;
  let berlin: string;
  const moodsOfA = new Map<string, Entry[]>();
  const departmentsOfA = new Map<string, string[]>();
  const surveyScoresOfA = [55, 60, 65, 70, 75, 82.5];

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    registry = t.app.get(JobRegistry);
    const platform = await platformAdmin(t.app, 'platform');
    platformToken = await login(platform);
    orgAdmin = await register(t.app, 'orgadmin');
    orgA = await createOrg('Acme', orgAdmin.user.id, 6);
    orgB = await createOrg('Globex');

    manager = await register(t.app, 'manager');
    individual = await register(t.app, 'individual');
    outsideManager = await register(t.app, 'outside-manager');
    // Managers lead the organisation whose membership says so, and no other.
    await addMember(outsideManager.user.id, orgB, 'Ops', { orgRole: 'manager' });

    tokyo = await insertPerson('Asia/Tokyo');
    newYork = await insertPerson('America/New_York');
    lapsed = await insertPerson();
    berlin = await insertPerson('Europe/Berlin');
    const engineering = [manager.user.id, tokyo, lapsed, berlin];
    const sales = [individual.user.id, newYork];
    for (let i = 0; i < 3; i++) engineering.push(await insertPerson());
    for (let i = 0; i < 3; i++) sales.push(await insertPerson());
    for (const userId of engineering) {
      await addMember(userId, orgA, 'Engineering', {
        wellnessStreak: userId === lapsed ? 9 : 0,
        ...(userId === manager.user.id ? { orgRole: 'manager' as const } : {}),
      });
    }
    for (const userId of sales) await addMember(userId, orgA, 'Sales');
    departmentsOfA.set('Engineering', engineering);
    departmentsOfA.set('Sales', sales);

    [...engineering, ...sales].forEach((userId, i) => {
      moodsOfA.set(
        userId,
        Array.from({ length: 1 + (i % 3) }, (_, j) => ({
          at: daysAgo(3 + ((i * 7 + j * 5) % 25)),
          score: ((i * 3 + j * 5) % 10) + 1,
        })),
      );
    });
    // Today, yesterday and the day before on their own clock: a streak of 3.
    moodsOfA.set(tokyo, [
      { at: new Date(), score: 8 },
      { at: localNoon('Asia/Tokyo', 1), score: 7 },
      { at: localNoon('Asia/Tokyo', 2), score: 9 },
    ]);
    // Today, then nothing for two days: a streak of 1.
    moodsOfA.set(newYork, [
      { at: new Date(), score: 4 },
      { at: localNoon('America/New_York', 3), score: 6 },
      { at: daysAgo(10), score: 5 },
    ]);
    // Not yet today, but yesterday and the day before: the streak of 2 still stands.
    moodsOfA.set(berlin, [
      { at: localNoon('Europe/Berlin', 1), score: 3 },
      { at: localNoon('Europe/Berlin', 2), score: 5 },
    ]);
    // Last logged twelve days ago (the 40-day-old entry is outside the window): no streak.
    moodsOfA.set(lapsed, [
      { at: daysAgo(12), score: 2 },
      { at: daysAgo(40), score: 10 },
    ]);
    for (const [userId, entries] of moodsOfA) await logMoods(userId, entries);

    // Someone who left Sales: their entries no longer count.
    const leaver = await insertPerson();
    await addMember(leaver, orgA, 'Sales', { endedAt: daysAgo(1) });
    await logMoods(leaver, [{ at: daysAgo(4), score: 10 }]);

    // The most recently closed survey counts, not the older one, and not one still open.
    await openSurvey(orgA, [10, 10, 10, 10, 10, 10, 10, 10], {
      openedAt: daysAgo(60),
      closedAt: daysAgo(50),
    });
    await openSurvey(orgA, surveyScoresOfA, { openedAt: daysAgo(10), closedAt: daysAgo(2) });
    await openSurvey(orgA, [0, 0, 0, 0, 0, 0, 0, 0], { openedAt: daysAgo(1) });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the recompute job', () => {
    it('is keyed by organisation, and an hourly job queues one per organisation', async () => {
      const definition = registry.get(RECOMPUTE);
      expect(definition.queue).toBe('org-wellness');
      expect(definition.key!({ orgId: orgA })).toBe(orgA);

      const all = registry.get('orgs.recompute-all-wellness');
      expect(all.everyMs).toBe(3600 * 1000);
      const runner = t.app.get(JobRunner);
      const enqueue = runner.enqueue;
      const queued: Array<[string, unknown]> = [];
      runner.enqueue = async (name, data) => void queued.push([name, data]);
      try {
        await all.handle({});
      } finally {
        runner.enqueue = enqueue;
      }
      const orgIds = (await prisma.organization.findMany({ select: { id: true } })).map(
        (org) => org.id,
      );
      const recomputes = queued.filter(([name]) => name === RECOMPUTE);
      expect(recomputes).toHaveLength(orgIds.length);
      expect(recomputes).toEqual(
        expect.arrayContaining(orgIds.map((orgId) => [RECOMPUTE, { orgId }])),
      );
    });

    it('stores the score of the formula and a snapshot of its parts', async () => {
      await recompute(orgA);
      const window = daysAgo(30);
      const expected = computeOrgWellness({
        minGroupSize: 6,
        memberMoods: [...moodsOfA.values()].map((entries) =>
          entries.filter((entry) => entry.at >= window).map((entry) => entry.score),
        ),
        surveyScores: surveyScoresOfA,
      });
      expect(expected.moodScore).not.toBeNull();
      expect(expected.surveyScore).toBe(67.9);

      const org = await prisma.organization.findUniqueOrThrow({ where: { id: orgA } });
      expect(org.wellnessScore).toBe(expected.wellnessScore);
      const snapshots = await prisma.orgWellnessSnapshot.findMany({ where: { orgId: orgA } });
      expect(snapshots).toEqual([
        expect.objectContaining({
          memberCount: 12,
          activeMembers: 12,
          moodScore: expected.moodScore,
          surveyScore: expected.surveyScore,
          wellnessScore: expected.wellnessScore,
        }),
      ]);
      // The dashboard's department figures, from the same pass; the leaver is not counted.
      expect(snapshots[0].departmentTallies).toEqual([
        expectedTally('Engineering', departmentsOfA.get('Engineering')!, moodsOfA),
        expectedTally('Sales', departmentsOfA.get('Sales')!, moodsOfA),
      ]);

      // Published once a day: a second recompute the same day publishes nothing.
      await recompute(orgA);
      expect(
        (await prisma.organization.findUniqueOrThrow({ where: { id: orgA } })).wellnessScore,
      ).toBe(expected.wellnessScore);
      expect(await prisma.orgWellnessSnapshot.count({ where: { orgId: orgA } })).toBe(1);
    });

    it('counts streaks of consecutive days in each person’s timezone', async () => {
      const streaks = await prisma.employee.findMany({
        where: { orgId: orgA, userId: { in: [tokyo, newYork, lapsed, berlin] } },
        select: { userId: true, wellnessStreak: true },
      });
      expect(Object.fromEntries(streaks.map((row) => [row.userId, row.wellnessStreak]))).toEqual({
        [tokyo]: 3,
        [newYork]: 1,
        [lapsed]: 0,
        [berlin]: 2,
      });
    });

    it('follows a streak past the days read at once, to its first day', async () => {
      const orgS = await createOrg('Wayne');
      const streakOf = async (timezone: string, days: number[], extra: Entry[] = []) => {
        const userId = await insertPerson(timezone);
        await addMember(userId, orgS, 'Ops', { wellnessStreak: 99 });
        await logMoods(userId, [
          ...days.map((day) => ({ at: localNoon(timezone, day), score: 5 })),
          ...extra,
        ]);
        return userId;
      };
      const localTime = (timezone: string, days: number, hour: number, minute: number) =>
        DateTime.now()
          .setZone(timezone)
          .startOf('day')
          .minus({ days })
          .set({ hour, minute })
          .toJSDate();
      const range = (from: number, to: number) =>
        Array.from({ length: to - from + 1 }, (_, i) => from + i);
      // Every day for 400 days: longer than the mood window, across both clock changes of a year.
      const year = await streakOf('America/New_York', range(0, 399));
      // From yesterday back eight days, a gap, then more: the run ends at the gap.
      const week = await streakOf('UTC', [...range(1, 8), 10, 11, 12]);
      // Exactly the days read at once and one more, each at an edge of its local day.
      const edges = await streakOf(
        'Asia/Kolkata',
        [],
        range(0, 7).flatMap((day) => [
          { at: localTime('Asia/Kolkata', day + 1, 0, 1), score: 5 },
          { at: localTime('Asia/Kolkata', day + 1, 23, 59), score: 5 },
        ]),
      );
      // Yesterday, then none the day before: an entry a minute before that day began is not in it.
      const gap = await streakOf(
        'Australia/Sydney',
        [1, 3, 4, 5],
        [{ at: localTime('Australia/Sydney', 3, 23, 59), score: 5 }],
      );
      const none = await streakOf('Europe/Berlin', range(2, 20));

      await recompute(orgS);
      const streaks = await prisma.employee.findMany({
        where: { orgId: orgS },
        select: { userId: true, wellnessStreak: true },
      });
      expect(Object.fromEntries(streaks.map((row) => [row.userId, row.wellnessStreak]))).toEqual({
        [year]: 400,
        [week]: 8,
        [edges]: 8,
        [gap]: 1,
        [none]: 0,
      });
    });

    it('has no mood or survey component below the threshold', async () => {
      const orgC = await createOrg('Initech');
      for (let i = 0; i < 6; i++) {
        const userId = await insertPerson();
        await addMember(userId, orgC, 'Ops');
        if (i < 4) await logMoods(userId, [{ at: daysAgo(2), score: 9 }]);
      }
      await openSurvey(orgC, [80, 80, 80, 80], { openedAt: daysAgo(5), closedAt: daysAgo(1) });
      await recompute(orgC);

      expect(
        (await prisma.organization.findUniqueOrThrow({ where: { id: orgC } })).wellnessScore,
      ).toBeNull();
      expect(
        await prisma.orgWellnessSnapshot.findFirstOrThrow({ where: { orgId: orgC } }),
      ).toMatchObject({
        memberCount: 6,
        activeMembers: 4,
        moodScore: null,
        surveyScore: null,
        wellnessScore: null,
      });
      const dashboard = (await get(`/orgs/${orgC}/dashboard`, platformToken)).json();
      expect(dashboard).toMatchObject({
        wellnessScore: null,
        minGroupSize: 5,
        participation: { members: 6, activeLast30Days: null, rate: null },
        departments: [],
      });
      const snapshots = (await get(`/orgs/${orgC}/wellness/snapshots`, platformToken)).json();
      expect(snapshots.items[0]).toMatchObject({ memberCount: 6, activeMembers: null });
    });

    it('queues a recompute per active membership in the mood entry’s transaction', async () => {
      const triggers = t.app.get(OrgWellnessTriggers);
      const orgE = await createOrg('Hooli');
      const orgF = await createOrg('Umbrella');
      const person = await insertPerson();
      await addMember(person, orgB, 'Ops');
      await addMember(person, orgE, 'Ops');
      await addMember(person, orgF, 'Ops', { endedAt: daysAgo(3) });
      const before = new Date(Date.now() - 1000);

      await prisma.$transaction((tx) => triggers.afterMoodEntry(tx, person));
      const rows = await prisma.outboxEvent.findMany({
        where: { jobName: RECOMPUTE, createdAt: { gte: before } },
      });
      expect(rows.map((row) => [row.jobKey, row.payload]).sort()).toEqual(
        [
          [orgB, { orgId: orgB }],
          [orgE, { orgId: orgE }],
        ].sort(),
      );

      // Rolled back with the entry: no recompute for a change that did not happen.
      const other = await insertPerson();
      await addMember(other, orgF, 'Ops');
      await expect(
        prisma.$transaction(async (tx) => {
          await triggers.afterMoodEntry(tx, other);
          throw new Error('the mood entry failed');
        }),
      ).rejects.toThrow('the mood entry failed');
      expect(await prisma.outboxEvent.count({ where: { jobKey: orgF } })).toBe(0);
    });
  });

  describe('GET /v1/orgs/{orgId}/dashboard', () => {
    it('shows the score, and no department that would expose a group below the threshold', async () => {
      const response = await get(`/orgs/${orgA}/dashboard`, orgAdmin.accessToken);
      expect(response.statusCode).toBe(200);
      const org = await prisma.organization.findUniqueOrThrow({ where: { id: orgA } });
      const dashboard = response.json();
      expect(dashboard).toMatchObject({
        orgId: orgA,
        wellnessScore: org.wellnessScore,
        minGroupSize: 6,
        participation: { members: 12, activeLast30Days: 12, rate: 1, suppressedReason: null },
      });
      expect(org.wellnessScore).not.toBeNull();
      // Sales (5 < 6) is withheld and cannot make an "Other" of 6. Showing Engineering (7) would
      // give Sales away as the organisation's figures minus Engineering's, so it is withheld too.
      expect(dashboard.departments).toEqual([]);
      expect(dashboard.suppressedDepartments).toEqual([
        { department: 'Engineering', reason: 'protects-smaller-groups', countedInOther: false },
        { department: 'Sales', reason: 'below-min-group-size', countedInOther: false },
      ]);
      const shownActive = dashboard.departments.reduce(
        (total: number, row: { activeLast30Days: number }) => total + row.activeLast30Days,
        0,
      );
      const remainder = dashboard.participation.activeLast30Days - shownActive;
      expect(remainder === 0 || remainder >= dashboard.minGroupSize).toBe(true);
    });

    it('shows nothing before the first publication, then departments at the threshold and smaller ones pooled into Other', async () => {
      const orgD = await createOrg('Stark', undefined, 5);
      const department = async (name: string, members: number, active: number, score: number) => {
        for (let i = 0; i < members; i++) {
          const userId = await insertPerson();
          await addMember(userId, orgD, name);
          if (i < active) await logMoods(userId, [{ at: daysAgo(1 + i), score }]);
        }
      };
      await department('Engineering', 7, 7, 10);
      await department('Sales', 5, 3, 1);
      await department('Support', 3, 2, 10);

      // Nothing is computed on demand: before a publication there is no breakdown.
      const unpublished = (await get(`/orgs/${orgD}/dashboard`, platformToken)).json();
      expect(unpublished).toMatchObject({ wellnessScore: null, computedAt: null, departments: [] });
      await recompute(orgD);
      const dashboard = (await get(`/orgs/${orgD}/dashboard`, platformToken)).json();
      expect(dashboard.departments).toEqual([
        {
          department: 'Engineering',
          members: 7,
          activeLast30Days: 7,
          moodMean: 100,
          merged: false,
        },
        // Sales 3 people at 0 and Support 2 at 100: (3 * 0 + 2 * 100) / 5.
        { department: 'Other', members: 8, activeLast30Days: 5, moodMean: 40, merged: true },
      ]);
      expect(dashboard.suppressedDepartments).toEqual([
        { department: 'Sales', reason: 'below-min-group-size', countedInOther: true },
        { department: 'Support', reason: 'below-min-group-size', countedInOther: true },
      ]);
      expect(dashboard.participation).toMatchObject({ members: 15, activeLast30Days: 12 });
      expect(dashboard.computedAt).not.toBeNull();
    });

    it('answers the breakdown published with the latest score, until the next publication', async () => {
      const orgG = await createOrg('Tyrell', undefined, 5);
      const ops: string[] = [];
      const legal: string[] = [];
      const moods = new Map<string, Entry[]>();
      for (let i = 0; i < 6; i++) {
        const userId = await insertPerson();
        await addMember(userId, orgG, 'Ops');
        moods.set(userId, [{ at: daysAgo(1 + i), score: 10 }]);
        await logMoods(userId, moods.get(userId)!);
        ops.push(userId);
      }
      for (let i = 0; i < 5; i++) {
        const userId = await insertPerson();
        await addMember(userId, orgG, 'Legal');
        legal.push(userId);
      }
      await recompute(orgG);
      const first = await prisma.orgWellnessSnapshot.findFirstOrThrow({ where: { orgId: orgG } });
      expect(first.departmentTallies).toEqual([
        expectedTally('Legal', legal, moods),
        expectedTally('Ops', ops, moods),
      ]);

      // Legal logs after the recompute: what the dashboard shows waits for the next one.
      for (const userId of legal) {
        moods.set(userId, [{ at: new Date(), score: 1 }]);
        await logMoods(userId, moods.get(userId)!);
      }
      const url = `/orgs/${orgG}/dashboard`;
      const before = (await get(url, platformToken)).json();
      expect(before).toMatchObject({
        computedAt: first.createdAt.toISOString(),
        participation: { members: 11, activeLast30Days: 6 },
        departments: [
          { department: 'Ops', members: 6, activeLast30Days: 6, moodMean: 100, merged: false },
        ],
        suppressedDepartments: [
          { department: 'Legal', reason: 'below-min-group-size', countedInOther: false },
        ],
      });

      // A day later, five members moved: the next publication is due.
      await aDayPasses(orgG);
      await recompute(orgG);
      const second = await prisma.orgWellnessSnapshot.findFirstOrThrow({
        where: { orgId: orgG },
        orderBy: { createdAt: 'desc' },
      });
      const after = (await get(url, platformToken)).json();
      expect(after).toMatchObject({
        computedAt: second.createdAt.toISOString(),
        participation: { members: 11, activeLast30Days: 11 },
        departments: [
          { department: 'Ops', members: 6, activeLast30Days: 6, moodMean: 100, merged: false },
          { department: 'Legal', members: 5, activeLast30Days: 5, moodMean: 0, merged: false },
        ],
        suppressedDepartments: [],
      });

      // A stricter threshold applies when the dashboard is read; a laxer one than the
      // publication's shows nothing more.
      const setMinGroupSize = async (minGroupSize: number) => {
        const response = await inject({
          method: 'PATCH',
          url: `/v1/orgs/${orgG}`,
          headers: bearer(platformToken),
          payload: { settings: { minGroupSize } },
        });
        expect(response.statusCode).toBe(200);
      };
      await setMinGroupSize(6);
      const stricter = (await get(url, platformToken)).json();
      // Legal (5 < 6) is withheld; Ops alone would give Legal away as the totals minus Ops.
      expect(stricter).toMatchObject({ minGroupSize: 6, departments: [] });
      expect(stricter.suppressedDepartments).toEqual([
        { department: 'Legal', reason: 'below-min-group-size', countedInOther: false },
        { department: 'Ops', reason: 'protects-smaller-groups', countedInOther: false },
      ]);
      await setMinGroupSize(5);
      expect((await get(url, platformToken)).json().departments).toEqual(after.departments);
      expect(await prisma.orgWellnessSnapshot.count({ where: { orgId: orgG } })).toBe(2);
    });

    it('shows a breakdown under the threshold it was published with, never a lower one', async () => {
      const orgL = await createOrg('Soylent', undefined, 6);
      for (const [name, size] of [
        ['Ops', 7],
        ['Legal', 4],
      ] as const) {
        for (let i = 0; i < size; i++) {
          const userId = await insertPerson();
          await addMember(userId, orgL, name);
          await logMoods(userId, [{ at: daysAgo(1), score: name === 'Ops' ? 8 : 2 }]);
        }
      }
      await recompute(orgL);
      const url = `/orgs/${orgL}/dashboard`;
      const published = (await get(url, platformToken)).json();
      expect(published.departments).toEqual([]);
      await inject({
        method: 'PATCH',
        url: `/v1/orgs/${orgL}`,
        headers: bearer(platformToken),
        payload: { settings: { minGroupSize: 3 } },
      });
      expect((await get(url, platformToken)).json()).toEqual(published);
    });

    it('computes nothing on demand for a snapshot published without tallies', async () => {
      const orgH = await createOrg('Cyberdyne', undefined, 5);
      const people: string[] = [];
      for (let i = 0; i < 6; i++) {
        const userId = await insertPerson();
        await addMember(userId, orgH, i < 5 ? 'Ops' : 'Legal');
        people.push(userId);
      }
      // As a recompute wrote it before snapshots kept their tallies.
      await prisma.orgWellnessSnapshot.create({
        data: { orgId: orgH, wellnessScore: 88, memberCount: 6, activeMembers: 5 },
      });
      const url = `/orgs/${orgH}/dashboard`;
      const first = (await get(url, platformToken)).json();
      expect(first).toMatchObject({ wellnessScore: null, departments: [] });
      await logMoods(people[5], [{ at: new Date(), score: 1 }]);
      expect((await get(url, platformToken)).json()).toEqual(first);
    });

    it('trends the last snapshot of each of the last 12 weeks, leaving out empty weeks', async () => {
      const thisMonday = DateTime.utc().startOf('week');
      const snapshot = (weeksAgo: number, day: number, wellnessScore: number) => ({
        orgId: orgA,
        wellnessScore,
        memberCount: 12,
        activeMembers: 12,
        createdAt: thisMonday.minus({ weeks: weeksAgo }).plus({ days: day, hours: 9 }).toJSDate(),
      });
      const weeks = Array.from({ length: 14 }, (_, i) => i + 1).filter((week) => week !== 5);
      await prisma.orgWellnessSnapshot.createMany({
        data: weeks.flatMap((week) => [snapshot(week, 1, week + 10), snapshot(week, 3, week + 40)]),
      });

      const dashboard = (await get(`/orgs/${orgA}/dashboard`, orgAdmin.accessToken)).json();
      const latest = await prisma.orgWellnessSnapshot.findFirstOrThrow({
        where: { orgId: orgA },
        orderBy: { createdAt: 'desc' },
      });
      const monday = (weeksAgo: number) => thisMonday.minus({ weeks: weeksAgo }).toISODate();
      expect(dashboard.trend).toEqual([
        ...[11, 10, 9, 8, 7, 6, 4, 3, 2, 1].map((week) => ({
          weekStart: monday(week),
          wellnessScore: week + 40,
        })),
        { weekStart: monday(0), wellnessScore: latest.wellnessScore },
      ]);
      expect(dashboard.trend.length).toBeLessThanOrEqual(12);
      expect(new Date(dashboard.computedAt)).toEqual(latest.createdAt);
    });

    it('answers its leaders and its HR clients with the scope, and nobody else', async () => {
      const url = `/orgs/${orgA}/dashboard`;
      const wellnessClient = await hrClientToken(orgA, ['org.wellness:read']);
      const employeesClient = await hrClientToken(orgA, ['employees:read']);
      expect((await get(url, wellnessClient)).statusCode).toBe(200);
      expect((await get(`/orgs/${orgB}/dashboard`, wellnessClient)).statusCode).toBe(404);
      expect((await get(url, employeesClient)).statusCode).toBe(403);
      expect((await get(url, platformToken)).statusCode).toBe(200);
      expect((await get(url, manager.accessToken)).statusCode).toBe(200);
      expect((await get(url, outsideManager.accessToken)).statusCode).toBe(404);
      expect((await get(url, individual.accessToken)).statusCode).toBe(404);
      expect((await get(`/orgs/${orgB}/dashboard`, outsideManager.accessToken)).statusCode).toBe(
        200,
      );

      const missing = await get(
        `/orgs/00000000-0000-4000-8000-000000000000/dashboard`,
        platformToken,
      );
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await get('/orgs/not-an-id/dashboard', platformToken)).statusCode).toBe(400);
      expect((await inject({ method: 'GET', url: `/v1${url}` })).statusCode).toBe(401);
    });

    it('never carries a person’s id or figures', async () => {
      const body = (await get(`/orgs/${orgA}/dashboard`, orgAdmin.accessToken)).body;
      const employees = await prisma.employee.findMany({ where: { orgId: orgA } });
      for (const employee of employees) {
        expect(body).not.toContain(employee.userId);
        expect(body).not.toContain(employee.anonymizedId);
      }
    });
  });

  describe('GET /v1/orgs/{orgId}/wellness/snapshots', () => {
    it('pages the dated history newest first, aggregates only', async () => {
      const url = `/orgs/${orgA}/wellness/snapshots`;
      const total = await prisma.orgWellnessSnapshot.count({ where: { orgId: orgA } });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10';
        const response = await get(`${url}${query}`, orgAdmin.accessToken);
        expect(response.statusCode).toBe(200);
        const page = response.json();
        for (const item of page.items) {
          expect(Object.keys(item).sort()).toEqual([
            'activeMembers',
            'createdAt',
            'id',
            'memberCount',
            'moodScore',
            'surveyScore',
            'wellnessScore',
          ]);
          seen.push(item.createdAt);
        }
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect([...seen].sort().reverse()).toEqual(seen);
    });

    it('refuses bad paging input and callers who may not lead the organisation', async () => {
      const url = `/orgs/${orgA}/wellness/snapshots`;
      for (const query of ['?limit=0', '?limit=101', '?limit=ten', '?cursor=nonsense']) {
        const response = await get(`${url}${query}`, orgAdmin.accessToken);
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect((await get(url, manager.accessToken)).statusCode).toBe(200);
      expect((await get(url, individual.accessToken)).statusCode).toBe(404);
      expect((await get(url, outsideManager.accessToken)).statusCode).toBe(404);
      const wellnessClient = await hrClientToken(orgA, ['org.wellness:read']);
      expect((await get(url, wellnessClient)).statusCode).toBe(200);
      expect((await get(`/orgs/${orgB}/wellness/snapshots`, wellnessClient)).statusCode).toBe(404);
    });
  });
});
