import { PrismaService } from '../src/database/prisma.service.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

/** A person's access token and, when they belong to an organisation, their employee row. */
interface Person {
  token: string;
  userId: string;
  employeeId?: string;
}

const QUESTIONS = [
  {
    id: 'rested',
    text: 'I feel rested at work.',
    type: 'likert',
    required: true,
    wellness: { direction: 'positive', weight: 1 },
  },
  {
    id: 'stress',
    text: 'How stressed are you?',
    type: 'scale',
    required: false,
    wellness: { direction: 'negative', weight: 1 },
  },
  {
    id: 'setting',
    text: 'Where do you work most?',
    type: 'single_choice',
    required: false,
    options: ['Office', 'Remote', 'Hybrid'],
  },
  { id: 'ideas', text: 'What would help?', type: 'free_text', required: false, maxLength: 300 },
];

describe('wellbeing surveys', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let orgA: string;
  let orgB: string;
  let orgAdmin: Person;
  let managerA: Person;
  let managerB: Person;
  let outsider: Person;
  /** Members of organisation A: three in Ops, three in IT, one in Sales. */
  let ops: Person[];
  let itTeam: Person[];
  let sales: Person;
  let leaver: Person;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  async function person(label: string, role?: 'admin'): Promise<Person> {
    const signedIn = role ? await platformAdmin(t.app, label) : await register(t.app, label);
    return { token: signedIn.accessToken, userId: signedIn.user.id };
  }

  async function join(
    who: Person,
    orgId: string,
    department: string | null,
    ended = false,
    orgRole: 'member' | 'manager' = 'member',
  ) {
    const row = await prisma.employee.create({
      data: {
        userId: who.userId,
        orgId,
        department,
        orgRole,
        anonymizedId: newAnonymizedId(),
        endedAt: ended ? new Date() : null,
      },
    });
    who.employeeId = row.id;
    return who;
  }

  async function member(orgId: string, department: string | null, ended = false) {
    return join(await person('member'), orgId, department, ended);
  }

  async function hrClientToken(orgId: string, scopes: string[]) {
    const created = await inject({
      method: 'POST',
      url: `/v1/orgs/${orgId}/api-clients`,
      headers: bearer(orgAdmin.token),
      payload: { name: 'HR sync', scopes },
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

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
    inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  async function draft(token = orgAdmin.token, orgId = orgA, questions: object[] = QUESTIONS) {
    const response = await call('POST', `/v1/orgs/${orgId}/surveys`, token, {
      title: 'Autumn pulse',
      questions,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  async function openSurvey(questions: object[] = QUESTIONS) {
    const id = await draft(orgAdmin.token, orgA, questions);
    expect((await call('POST', `/v1/surveys/${id}/open`, orgAdmin.token)).statusCode).toBe(200);
    return id;
  }

  const respond = (who: Person, surveyId: string, answers: Record<string, unknown>) =>
    call('POST', `/v1/surveys/${surveyId}/responses`, who.token, { answers });

  const close = async (id: string) =>
    expect((await call('POST', `/v1/surveys/${id}/close`, orgAdmin.token)).statusCode).toBe(200);

  const results = (id: string, token = orgAdmin.token) =>
    call('GET', `/v1/surveys/${id}/results`, token);

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
    prisma = t.app.get(PrismaService);
    const platformAdmin = await person('platform', 'admin');
    orgAdmin = await person('orgadmin');
    const createOrg = async (name: string, adminUserId?: string) => {
      const response = await call('POST', '/v1/orgs', platformAdmin.token, {
        name,
        adminUserId,
        minGroupSize: 3,
      });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    orgA = await createOrg('Acme', orgAdmin.userId);
    orgB = await createOrg('Globex');
    managerA = await join(await person('manager-a'), orgA, 'Ops', false, 'manager');
    managerB = await join(await person('manager-b'), orgB, 'Ops', false, 'manager');
    outsider = await person('outsider');
    ops = [await member(orgA, 'Ops'), await member(orgA, 'Ops'), await member(orgA, 'Ops')];
    itTeam = [await member(orgA, 'IT'), await member(orgA, 'IT'), await member(orgA, 'IT')];
    sales = await member(orgA, 'Sales');
    leaver = await member(orgA, 'Ops', true);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('questions', () => {
    it('refuses bad questions with the path of each problem, and stores nothing', async () => {
      const before = await prisma.wellbeingSurvey.count();
      const refused = await call('POST', `/v1/orgs/${orgA}/surveys`, orgAdmin.token, {
        title: 'Bad',
        questions: [
          { id: 'mood', text: 'Mood?', type: 'likert', required: true },
          { id: 'where', text: 'Where?', type: 'single_choice', required: true, options: ['A'] },
          { id: 'note', text: 'Note', type: 'free_text', required: 'yes' },
          {
            id: 'scale',
            text: 'Scale',
            type: 'scale',
            required: true,
            wellness: { direction: 'up', weight: 11 },
          },
        ],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json().errors.map((error: { field: string }) => error.field)).toEqual(
        expect.arrayContaining([
          'questions.1.options',
          'questions.2.required',
          'questions.3.wellness.direction',
          'questions.3.wellness.weight',
        ]),
      );

      const crossField = await call('POST', `/v1/orgs/${orgA}/surveys`, orgAdmin.token, {
        title: 'Bad',
        questions: [
          { id: 'mood', text: 'Mood?', type: 'likert', required: true },
          { id: 'mood', text: 'Again?', type: 'likert', required: true },
          {
            id: 'where',
            text: 'Where?',
            type: 'single_choice',
            required: true,
            options: ['A', 'B'],
            wellness: { direction: 'positive', weight: 1 },
          },
        ],
      });
      expect(crossField.statusCode).toBe(400);
      expect(crossField.json().errors).toEqual([
        { field: 'questions.1.id', reason: expect.stringContaining('unique') },
        {
          field: 'questions.2.wellness',
          reason: 'only likert and scale questions can feed the wellness score, not single_choice',
        },
      ]);
      expect(await prisma.wellbeingSurvey.count()).toBe(before);
    });
  });

  describe('lifecycle', () => {
    it('goes draft -> open -> closed, edits only drafts, and refuses other moves with 409', async () => {
      const id = await draft(managerA.token);
      const edited = await call('PATCH', `/v1/surveys/${id}`, managerA.token, {
        title: 'Winter pulse',
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({
        title: 'Winter pulse',
        status: 'draft',
        openedAt: null,
      });

      const closeDraft = await call('POST', `/v1/surveys/${id}/close`, managerA.token);
      expect(closeDraft.statusCode).toBe(409);
      expect(closeDraft.json().detail).toMatch(/from draft to closed/);

      const opened = await call('POST', `/v1/surveys/${id}/open`, managerA.token);
      expect(opened.statusCode).toBe(200);
      expect(opened.json()).toMatchObject({ status: 'open', openedAt: expect.any(String) });
      expect(await prisma.wellbeingSurvey.findUniqueOrThrow({ where: { id } })).toMatchObject({
        isActive: true,
        status: 'open',
      });

      const editOpen = await call('PATCH', `/v1/surveys/${id}`, managerA.token, { title: 'Late' });
      expect(editOpen.statusCode).toBe(409);
      const reopen = await call('POST', `/v1/surveys/${id}/open`, managerA.token);
      expect(reopen.statusCode).toBe(409);
      expect(reopen.json().detail).toMatch(/from open to open/);

      expect((await call('POST', `/v1/surveys/${id}/close`, managerA.token)).statusCode).toBe(200);
      const openClosed = await call('POST', `/v1/surveys/${id}/open`, managerA.token);
      expect(openClosed.statusCode).toBe(409);
      expect(openClosed.json().detail).toMatch(/from closed to open/);
      expect(await prisma.wellbeingSurvey.findUniqueOrThrow({ where: { id } })).toMatchObject({
        isActive: false,
        status: 'closed',
        title: 'Winter pulse',
      });

      const events = await prisma.outboxEvent.findMany({
        where: { jobName: 'webhooks.dispatch', payload: { path: ['surveyId'], equals: id } },
        orderBy: { createdAt: 'asc' },
      });
      expect(events.map((event) => event.payload)).toEqual([
        { orgId: orgA, event: 'survey.opened', surveyId: id, occurredAt: expect.any(String) },
        { orgId: orgA, event: 'survey.closed', surveyId: id, occurredAt: expect.any(String) },
      ]);
      // One key per event: two events of one organisation never collapse into one delivery.
      expect(events.map((event) => event.jobKey)).toEqual([
        `survey.opened:${id}`,
        `survey.closed:${id}`,
      ]);
    });

    it('opens a survey once when two requests race, with one webhook event', async () => {
      const id = await draft();
      const statuses = (
        await Promise.all([
          call('POST', `/v1/surveys/${id}/open`, orgAdmin.token),
          call('POST', `/v1/surveys/${id}/open`, orgAdmin.token),
        ])
      ).map((response) => response.statusCode);
      expect(statuses.sort()).toEqual([200, 409]);
      const events = await prisma.outboxEvent.count({
        where: { jobName: 'webhooks.dispatch', payload: { path: ['surveyId'], equals: id } },
      });
      expect(events).toBe(1);
    });

    it("lists an organisation's surveys by status, page by page", async () => {
      const first = await draft();
      const second = await draft();
      const page1 = await call(
        'GET',
        `/v1/orgs/${orgA}/surveys?status=draft&limit=1`,
        orgAdmin.token,
      );
      expect(page1.statusCode).toBe(200);
      expect(page1.json().items.map((s: { id: string }) => s.id)).toEqual([second]);
      const page2 = await call(
        'GET',
        `/v1/orgs/${orgA}/surveys?status=draft&limit=1&cursor=${page1.json().nextCursor}`,
        orgAdmin.token,
      );
      expect(page2.json().items.map((s: { id: string }) => s.id)).toEqual([first]);
      const bad = await call('GET', `/v1/orgs/${orgA}/surveys?status=archived`, orgAdmin.token);
      expect(bad.statusCode).toBe(400);
    });

    it('answers 404 to people outside the organisation, and to members for drafts', async () => {
      const id = await draft();
      for (const who of [managerB, outsider, ops[0]]) {
        expect((await call('GET', `/v1/surveys/${id}`, who.token)).statusCode).toBe(404);
        expect((await call('POST', `/v1/surveys/${id}/open`, who.token)).statusCode).toBe(404);
      }
      expect((await call('GET', `/v1/orgs/${orgA}/surveys`, managerB.token)).statusCode).toBe(404);
      expect(
        (
          await call('POST', `/v1/orgs/${orgA}/surveys`, ops[0].token, {
            title: 'x',
            questions: QUESTIONS,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('lets members see open surveys of their own organisation at /v1/surveys/open', async () => {
      const open = await openSurvey();
      const hidden = await draft();
      const theirs = await call('GET', '/v1/surveys/open?limit=100', ops[0].token);
      expect(theirs.statusCode).toBe(200);
      const ids = theirs.json().items.map((s: { id: string }) => s.id);
      expect(ids).toContain(open);
      expect(ids).not.toContain(hidden);
      expect(
        (await call('GET', `/v1/surveys/${open}`, ops[0].token)).json().questions,
      ).toHaveLength(4);
      const strangers = await call('GET', '/v1/surveys/open?limit=100', managerB.token);
      expect(strangers.json().items.map((s: { id: string }) => s.id)).not.toContain(open);
      expect((await call('GET', '/v1/surveys/open', leaver.token)).json().items).toEqual([]);
    });

    it('lets HR systems with surveys:write run surveys, and keeps them to their organisation', async () => {
      const writer = await hrClientToken(orgA, ['surveys:write']);
      const reader = await hrClientToken(orgA, ['surveys:read']);
      const id = await draft(writer);
      expect((await call('POST', `/v1/surveys/${id}/open`, writer)).statusCode).toBe(200);
      expect((await call('POST', `/v1/surveys/${id}/close`, reader)).statusCode).toBe(403);
      expect(
        (
          await call('POST', `/v1/orgs/${orgA}/surveys`, reader, {
            title: 'x',
            questions: QUESTIONS,
          })
        ).statusCode,
      ).toBe(403);
      expect((await call('GET', `/v1/surveys/${id}`, reader)).statusCode).toBe(200);
      const foreign = await draft(managerB.token, orgB);
      expect((await call('GET', `/v1/surveys/${foreign}`, writer)).statusCode).toBe(404);
      expect((await call('POST', `/v1/surveys/${foreign}/open`, writer)).statusCode).toBe(404);
    });
  });

  describe('responses', () => {
    it('takes one anonymous response per member, stored with nothing that leads back to them', async () => {
      const id = await openSurvey();
      const answered = await respond(ops[0], id, {
        rested: 4,
        stress: 2,
        setting: 'Hybrid',
        ideas: 'Quieter open-plan mornings please',
      });
      expect(answered.statusCode).toBe(201);
      expect(answered.json()).toEqual({ received: true });

      const again = await respond(ops[0], id, { rested: 1 });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toMatch(/already answered/);

      const rows = await prisma.$queryRaw<Array<Record<string, unknown>>>`
        SELECT * FROM survey_responses WHERE survey_id = ${id}::uuid`;
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(Object.keys(row).sort()).toEqual(
        [
          'anonymous_token',
          'created_at',
          'department',
          'id',
          'responses',
          'survey_id',
          'wellness_score',
        ].sort(),
      );
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(ops[0].userId);
      expect(stored).not.toContain(ops[0].employeeId);
      expect(stored).not.toContain('Quieter');
      expect(row).toMatchObject({ department: 'Ops', wellness_score: 77.5 });
      expect((row.responses as Record<string, unknown>).ideas).toEqual({
        keyId: expect.any(String),
        ciphertext: expect.any(String),
      });
      expect((row.created_at as Date).toISOString()).toMatch(/T00:00:00\.000Z$/);
      expect(row.anonymous_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const participation = await prisma.surveyParticipation.findMany({ where: { surveyId: id } });
      expect(participation).toEqual([
        { surveyId: id, employeeId: ops[0].employeeId, createdAt: row.created_at },
      ]);
      expect(
        await prisma.outboxEvent.count({
          where: { jobName: 'orgs.recompute-wellness', jobKey: orgA },
        }),
      ).toBeGreaterThan(0);
      expect(t.logs.join('\n')).not.toContain('Quieter');

      // The same person's token on another survey has nothing in common with this one.
      const other = await openSurvey();
      expect((await respond(ops[0], other, { rested: 4 })).statusCode).toBe(201);
      const [otherRow] = await prisma.surveyResponse.findMany({ where: { surveyId: other } });
      expect(otherRow.anonymousToken).not.toBe(row.anonymous_token);
    });

    it('keeps exactly one response when the same member submits twice at once', async () => {
      const id = await openSurvey();
      const statuses = (
        await Promise.all([
          respond(itTeam[0], id, { rested: 3 }),
          respond(itTeam[0], id, { rested: 5 }),
        ])
      ).map((response) => response.statusCode);
      expect(statuses.sort()).toEqual([201, 409]);
      expect(await prisma.surveyResponse.count({ where: { surveyId: id } })).toBe(1);
      expect(await prisma.surveyParticipation.count({ where: { surveyId: id } })).toBe(1);
    });

    it('checks answers against the questions, naming each refused one', async () => {
      const id = await openSurvey();
      const refused = await respond(ops[1], id, {
        stress: 11,
        setting: 'Moon',
        ideas: 'x'.repeat(301),
        unknown: 1,
      });
      expect(refused.statusCode).toBe(400);
      expect(
        refused
          .json()
          .errors.map((error: { field: string }) => error.field)
          .sort(),
      ).toEqual(
        [
          'answers.ideas',
          'answers.rested',
          'answers.setting',
          'answers.stress',
          'answers.unknown',
        ].sort(),
      );
      expect((await respond(ops[1], id, { rested: 2.5 })).statusCode).toBe(400);
      expect(await prisma.surveyParticipation.count({ where: { surveyId: id } })).toBe(0);
      expect((await respond(ops[1], id, { rested: 2 })).statusCode).toBe(201);
    });

    it('answers 404 to non-members and former members, 409 once the survey is closed', async () => {
      const id = await openSurvey();
      expect((await respond(outsider, id, { rested: 3 })).statusCode).toBe(404);
      expect((await respond(managerB, id, { rested: 3 })).statusCode).toBe(404);
      expect((await respond(leaver, id, { rested: 3 })).statusCode).toBe(404);
      await close(id);
      expect((await respond(sales, id, { rested: 3 })).statusCode).toBe(409);
      expect(await prisma.surveyResponse.count({ where: { surveyId: id } })).toBe(0);
      const drafted = await draft();
      expect((await respond(sales, drafted, { rested: 3 })).statusCode).toBe(404);
    });
  });

  describe('results', () => {
    it('shows nothing but counts below minGroupSize, free text included', async () => {
      const id = await openSurvey();
      await respond(ops[0], id, { rested: 5, ideas: 'More plants' });
      await respond(ops[1], id, { rested: 1, ideas: 'Fewer meetings' });
      await close(id);
      const response = await results(id);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        surveyId: id,
        status: 'closed',
        minGroupSize: 3,
        responseCount: 2,
      });
      expect(body.suppressed).toEqual(expect.any(String));
      expect(body.wellnessMean).toBeNull();
      expect(body.departments).toEqual([]);
      expect(body).not.toHaveProperty('freeText');
      for (const question of body.questions) {
        expect(question).toEqual({
          id: question.id,
          type: question.type,
          suppressed: expect.any(String),
        });
      }
      expect(JSON.stringify(body)).not.toMatch(/plants|meetings/);
    });

    it('shows nothing but counts while the survey is open', async () => {
      const id = await openSurvey();
      for (const who of [...ops, ...itTeam]) await respond(who, id, { rested: 4 });
      const body = (await results(id)).json();
      expect(body).toMatchObject({ status: 'open', responseCount: 6, departments: [] });
      expect(body.suppressed).toMatch(/closed/);
      expect(body.questions[0]).not.toHaveProperty('mean');
    });

    it('shows aggregates at the threshold, never a small department on its own or as a remainder', async () => {
      const id = await openSurvey();
      const texts = ['Quieter mornings', 'Better chairs', 'More plants', 'Clearer priorities'];
      for (const [index, who] of ops.entries())
        expect(
          (await respond(who, id, { rested: 4, stress: 2, setting: 'Hybrid', ideas: texts[index] }))
            .statusCode,
        ).toBe(201);
      for (const who of itTeam) await respond(who, id, { rested: 2, setting: 'Office' });
      await respond(sales, id, { rested: 1, stress: 9, ideas: texts[3] });
      await close(id);

      const response = await results(id);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.suppressed).toBeUndefined();
      expect(body.responseCount).toBe(7);
      expect(body.questions[0]).toEqual({
        id: 'rested',
        type: 'likert',
        count: 7,
        mean: 2.71,
        distribution: { '1': 1, '2': 3, '4': 3 },
      });
      expect(body.questions[1]).toMatchObject({ id: 'stress', count: 4, mean: 3.75 });
      expect(body.questions[2]).toMatchObject({ distribution: { Hybrid: 3, Office: 3 } });
      expect(body.participation).toEqual({ eligible: 8, responded: 7, rate: 0.875 });

      // Sales (1 response) is below 3: never shown, and total minus the shown departments is a
      // merged group of at least 3, not Sales alone.
      const departments = body.departments as Array<{
        department: string | null;
        merged: boolean;
        responseCount: number;
      }>;
      expect(departments.map((d) => d.department)).not.toContain('Sales');
      const shown = departments.filter((d) => !d.merged);
      expect(shown.length).toBeGreaterThan(0);
      for (const d of shown) expect(d.responseCount).toBeGreaterThanOrEqual(3);
      const remainder = body.responseCount - shown.reduce((total, d) => total + d.responseCount, 0);
      expect(remainder).toBeGreaterThanOrEqual(3);
      expect(departments.find((d) => d.merged)).toMatchObject({
        department: 'Other',
        responseCount: remainder,
      });

      // Four comments are fewer than the comments threshold (10 here): none is listed.
      expect(body.thresholds).toEqual({ minGroupSize: 3, commentsMinGroupSize: 10 });
      expect(body.freeText).toEqual([]);
      expect(JSON.stringify(body)).not.toMatch(/Quieter|chairs|plants|priorities/);

      // Nothing in the results, and no route, hands out one response.
      const stored = await prisma.surveyResponse.findMany({ where: { surveyId: id } });
      const text = JSON.stringify(body);
      for (const row of stored) {
        expect(text).not.toContain(row.id);
        expect(text).not.toContain(row.anonymousToken);
        expect(
          (await call('GET', `/v1/surveys/${id}/responses/${row.id}`, orgAdmin.token)).statusCode,
        ).toBe(404);
      }
      expect((await call('GET', `/v1/surveys/${id}/responses`, orgAdmin.token)).statusCode).toBe(
        404,
      );
    });

    it('serves HR systems with surveys:read of the same organisation only', async () => {
      const id = await openSurvey();
      await close(id);
      const reader = await hrClientToken(orgA, ['surveys:read']);
      const writerOnly = await hrClientToken(orgA, ['surveys:write']);
      expect((await results(id, reader)).statusCode).toBe(200);
      expect((await results(id, writerOnly)).statusCode).toBe(403);
      const foreign = await draft(managerB.token, orgB);
      expect((await results(foreign, reader)).statusCode).toBe(404);
    });

    it('answers 404 to a manager of another organisation and to members', async () => {
      const id = await openSurvey();
      await close(id);
      expect((await results(id, managerA.token)).statusCode).toBe(200);
      expect((await results(id, managerB.token)).statusCode).toBe(404);
      expect((await results(id, ops[0].token)).statusCode).toBe(404);
    });
  });
});
