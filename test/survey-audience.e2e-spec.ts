import { randomBytes } from 'node:crypto';
import { PrismaService } from '../src/database/prisma.service.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const QUESTIONS = [
  { id: 'rested', text: 'How rested do you feel?', type: 'likert', required: true },
  { id: 'ideas', text: 'One idea for the team?', type: 'free_text', required: false },
];

interface Member extends SignedIn {
  employeeId: string;
}

/**
 * The organisation's lead compares a survey's results before and after changing something
 * (a move, a leaver, a newcomer, a threshold) and subtracts. A survey's audience, departments
 * and thresholds are frozen when it opens, its participation when it closes: the numbers
 * compared are the same.
 */
describe('survey results that cannot be differenced', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let admin: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const call = (token: string, method: string, url: string, payload?: object) =>
    inject({
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    });

  /** A new organisation led by `admin`, with members in the given departments. */
  async function organisation(settings: object, departments: Array<string | null>) {
    const org = await prisma.organization.create({
      data: { name: `Org ${randomBytes(3).toString('hex')}`, adminUserId: admin.user.id, settings },
    });
    const members: Member[] = [];
    for (const department of departments) members.push(await join(org.id, department));
    return { orgId: org.id, members };
  }

  async function join(orgId: string, department: string | null): Promise<Member> {
    const person = await register(t.app, 'member');
    const employee = await prisma.employee.create({
      data: {
        orgId,
        userId: person.user.id,
        department,
        anonymizedId: newAnonymizedId(),
      },
    });
    return { ...person, employeeId: employee.id };
  }

  async function openSurvey(orgId: string): Promise<string> {
    const created = await call(admin.accessToken, 'POST', `/v1/orgs/${orgId}/surveys`, {
      title: 'Pulse',
      questions: QUESTIONS,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await call(admin.accessToken, 'POST', `/v1/surveys/${id}/open`)).statusCode).toBe(200);
    return id;
  }

  const answer = (who: Member, id: string, answers: object) =>
    call(who.accessToken, 'POST', `/v1/surveys/${id}/responses`, { answers });
  const close = async (id: string) =>
    expect((await call(admin.accessToken, 'POST', `/v1/surveys/${id}/close`)).statusCode).toBe(200);
  /** The results, with free-text answers sorted: their order is shuffled on every read. */
  const results = async (id: string) => {
    const body = (await call(admin.accessToken, 'GET', `/v1/surveys/${id}/results`)).json();
    for (const question of body.freeText ?? []) question.answers.sort();
    return body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    admin = await register(t.app, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the same figures after the organisation moves, ends, restores and adds people', async () => {
    const { orgId, members } = await organisation({ minGroupSize: 3, commentsMinGroupSize: 3 }, [
      'Ops',
      'Ops',
      'Ops',
      'Ops',
      'IT',
      'IT',
      'IT',
      'Sales',
    ]);
    const id = await openSurvey(orgId);
    // Everyone but one Ops member and the Sales member answers.
    for (const [index, who] of members.entries()) {
      if (index === 3 || index === 7) continue;
      expect(
        (await answer(who, id, { rested: 1 + (index % 5), ideas: `idea ${index}` })).statusCode,
      ).toBe(201);
    }
    await close(id);
    const before = await results(id);
    expect(before.participation).toEqual({ eligible: 8, responded: 6, rate: 0.75 });

    const employees = (path = '') => `/v1/orgs/${orgId}/employees${path}`;
    // The attack: move the one who did not answer out of Ops, end and restore someone's
    // membership, add a newcomer, and raise and lower the thresholds, reading after each.
    const moves = [
      () =>
        call(admin.accessToken, 'PATCH', employees(`/${members[3].employeeId}`), {
          department: 'IT',
        }),
      () => call(admin.accessToken, 'DELETE', employees(`/${members[0].employeeId}`)),
      () =>
        prisma.employee.update({ where: { id: members[0].employeeId }, data: { endedAt: null } }),
      () => join(orgId, 'Ops'),
      () =>
        call(admin.accessToken, 'PATCH', `/v1/orgs/${orgId}`, {
          settings: { minGroupSize: 4, commentsMinGroupSize: 20 },
        }),
      () =>
        call(admin.accessToken, 'PATCH', `/v1/orgs/${orgId}`, {
          settings: { minGroupSize: 3, commentsMinGroupSize: 3 },
        }),
    ];
    for (const move of moves) {
      await move();
      expect(await results(id)).toEqual(before);
    }
  });

  it('shows nothing more when the threshold is lowered after the survey closed', async () => {
    const { orgId, members } = await organisation({ minGroupSize: 5 }, Array(6).fill('Ops'));
    const id = await openSurvey(orgId);
    for (const who of members.slice(0, 4)) await answer(who, id, { rested: 2 });
    await close(id);
    const before = await results(id);
    expect(before.suppressed).toMatch(/Fewer than 5 responses/);
    await call(admin.accessToken, 'PATCH', `/v1/orgs/${orgId}`, { settings: { minGroupSize: 3 } });
    const after = await results(id);
    expect(after).toEqual(before);
    expect(after.thresholds).toEqual({ minGroupSize: 5, commentsMinGroupSize: 10 });
    expect(after.questions[0]).not.toHaveProperty('distribution');
  });

  it('lists no comment of a question with fewer answers than the comments threshold', async () => {
    const { orgId, members } = await organisation(
      { minGroupSize: 3, commentsMinGroupSize: 4 },
      Array(6).fill('Ops'),
    );
    const id = await openSurvey(orgId);
    await answer(members[0], id, { rested: 3, ideas: 'Only I would say this' });
    for (const who of members.slice(1, 5)) await answer(who, id, { rested: 3 });
    await close(id);
    const body = await results(id);
    expect(body.suppressed).toBeUndefined();
    expect(body.questions.find((q: { id: string }) => q.id === 'ideas')).toMatchObject({
      suppressed: expect.any(String),
    });
    expect(body.freeText).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/Only I would/);

    // With enough answers the comments are listed, shuffled, with nothing else about them.
    const listed = await organisation(
      { minGroupSize: 3, commentsMinGroupSize: 4 },
      Array(4).fill('Ops'),
    );
    const second = await openSurvey(listed.orgId);
    for (const [index, who] of listed.members.entries())
      await answer(who, second, { rested: 3, ideas: `idea ${index}` });
    await close(second);
    expect((await results(second)).freeText).toEqual([
      { questionId: 'ideas', answers: ['idea 0', 'idea 1', 'idea 2', 'idea 3'] },
    ]);
  });

  it('stores no department of a small group and no date but the opening day', async () => {
    const { orgId, members } = await organisation({ minGroupSize: 3 }, [
      'Ops',
      'Ops',
      'Ops',
      'Legal',
    ]);
    const id = await openSurvey(orgId);
    for (const who of members) expect((await answer(who, id, { rested: 4 })).statusCode).toBe(201);
    const survey = await prisma.wellbeingSurvey.findUniqueOrThrow({ where: { id } });
    const openingDay = new Date(survey.openedAt!.toISOString().slice(0, 10));
    const responses = await prisma.surveyResponse.findMany({ where: { surveyId: id } });
    expect(responses.map((row) => row.department).sort()).toEqual(['Ops', 'Ops', 'Ops', null]);
    const participations = await prisma.surveyParticipation.findMany({ where: { surveyId: id } });
    for (const row of [...responses, ...participations]) expect(row.createdAt).toEqual(openingDay);
  });

  it('is answered only by the audience it opened with', async () => {
    const { orgId, members } = await organisation({ minGroupSize: 3 }, ['Ops', 'Ops', 'Ops']);
    const id = await openSurvey(orgId);
    const newcomer = await join(orgId, 'Ops');
    const refused = await answer(newcomer, id, { rested: 3 });
    expect(refused.statusCode).toBe(403);
    const open = (await call(newcomer.accessToken, 'GET', '/v1/surveys/open')).json();
    expect(open.items.map((survey: { id: string }) => survey.id)).not.toContain(id);
    expect((await answer(members[0], id, { rested: 3 })).statusCode).toBe(201);
    expect(await prisma.surveyParticipation.count({ where: { surveyId: id } })).toBe(1);
  });
});
