import fc from 'fast-check';
import { PrismaService } from '../src/database/prisma.service.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SEED = 20261205;
const DEPARTMENTS = ['Ops', 'IT', 'Sales', 'Legal'];
const QUESTIONS = [
  { id: 'rested', text: 'Rested?', type: 'likert', required: true },
  { id: 'ideas', text: 'Ideas?', type: 'free_text', required: false },
];

type AdminAction =
  | { kind: 'move'; member: number; department: string }
  | { kind: 'end' | 'restore'; member: number }
  | { kind: 'add'; department: string }
  | { kind: 'thresholds'; minGroupSize: number; comments: number }
  | { kind: 'mood'; member: number; score: number };

interface Person extends SignedIn {
  employeeId: string;
}

/**
 * Random rosters, answers and sequences of what an organisation can do while a survey is open
 * and after it closed: the published figures of a closed survey never move, and nothing shown
 * stands on a group smaller than the thresholds it opened with.
 */
describe('property: a closed survey’s figures cannot be moved by the organisation', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let admin: SignedIn;
  /** People registered once and reused across runs, each joining the run's organisation. */
  const pool: SignedIn[] = [];

  const call = (token: string, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    });
  const results = async (id: string) => {
    const body = (await call(admin.accessToken, 'GET', `/v1/surveys/${id}/results`)).json();
    for (const question of body.freeText ?? []) question.answers.sort();
    return body;
  };

  async function act(orgId: string, members: Person[], action: AdminAction): Promise<void> {
    const employee = (index: number) => members[index % members.length];
    switch (action.kind) {
      case 'move':
        await call(
          admin.accessToken,
          'PATCH',
          `/v1/orgs/${orgId}/employees/${employee(action.member).employeeId}`,
          { department: action.department },
        );
        return;
      case 'end':
        await call(
          admin.accessToken,
          'DELETE',
          `/v1/orgs/${orgId}/employees/${employee(action.member).employeeId}`,
        );
        return;
      case 'restore':
        await prisma.employee.update({
          where: { id: employee(action.member).employeeId },
          data: { endedAt: null },
        });
        return;
      case 'add': {
        const person = pool.find(
          (candidate) => !members.some((m) => m.user.id === candidate.user.id),
        );
        if (person) members.push(await join(orgId, person, action.department));
        return;
      }
      case 'thresholds':
        await call(admin.accessToken, 'PATCH', `/v1/orgs/${orgId}`, {
          settings: {
            minGroupSize: action.minGroupSize,
            commentsMinGroupSize: Math.max(action.minGroupSize, action.comments),
          },
        });
        return;
      case 'mood':
        await call(employee(action.member).accessToken, 'POST', '/v1/mood', {
          moodScore: action.score,
        });
    }
  }

  async function join(orgId: string, person: SignedIn, department: string): Promise<Person> {
    const row = await prisma.employee.create({
      data: {
        orgId,
        userId: person.user.id,
        department,
        anonymizedId: newAnonymizedId(),
      },
    });
    return { ...person, employeeId: row.id };
  }

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    admin = await register(t.app, 'admin');
    for (let i = 0; i < 16; i++) pool.push(await register(t.app, `member${i}`));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps every published figure of a closed survey, and shows no group under its threshold', async () => {
    const action: fc.Arbitrary<AdminAction> = fc.oneof(
      fc.record({
        kind: fc.constant('move' as const),
        member: fc.nat(15),
        department: fc.constantFrom(...DEPARTMENTS),
      }),
      fc.record({ kind: fc.constantFrom('end' as const, 'restore' as const), member: fc.nat(15) }),
      fc.record({ kind: fc.constant('add' as const), department: fc.constantFrom(...DEPARTMENTS) }),
      fc.record({
        kind: fc.constant('thresholds' as const),
        minGroupSize: fc.integer({ min: 3, max: 6 }),
        comments: fc.integer({ min: 3, max: 10 }),
      }),
      fc.record({
        kind: fc.constant('mood' as const),
        member: fc.nat(15),
        score: fc.integer({ min: 1, max: 10 }),
      }),
    );
    const scenario = fc.record({
      roster: fc.array(fc.constantFrom(...DEPARTMENTS), { minLength: 4, maxLength: 12 }),
      answers: fc.array(fc.record({ rested: fc.integer({ min: 1, max: 5 }), idea: fc.boolean() }), {
        minLength: 12,
        maxLength: 12,
      }),
      answering: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      minGroupSize: fc.integer({ min: 3, max: 5 }),
      comments: fc.integer({ min: 3, max: 8 }),
      whileOpen: fc.array(action, { maxLength: 4 }),
      afterClose: fc.array(action, { minLength: 1, maxLength: 5 }),
    });

    await fc.assert(
      fc.asyncProperty(scenario, async (run) => {
        const org = await prisma.organization.create({
          data: {
            name: 'Run',
            adminUserId: admin.user.id,
            settings: {
              minGroupSize: run.minGroupSize,
              commentsMinGroupSize: Math.max(run.minGroupSize, run.comments),
            },
          },
        });
        const members: Person[] = [];
        for (const [index, department] of run.roster.entries()) {
          members.push(await join(org.id, pool[index], department));
        }
        const survey = (
          await call(admin.accessToken, 'POST', `/v1/orgs/${org.id}/surveys`, {
            title: 'Pulse',
            questions: QUESTIONS,
          })
        ).json();
        await call(admin.accessToken, 'POST', `/v1/surveys/${survey.id}/open`);
        const audience = [...members];
        for (const step of run.whileOpen) await act(org.id, members, step);
        for (const [index, who] of audience.entries()) {
          if (!run.answering[index]) continue;
          const { rested, idea } = run.answers[index];
          await call(who.accessToken, 'POST', `/v1/surveys/${survey.id}/responses`, {
            answers: { rested, ...(idea ? { ideas: `idea of ${index}` } : {}) },
          });
        }
        await call(admin.accessToken, 'POST', `/v1/surveys/${survey.id}/close`);
        const published = await results(survey.id);

        // Nothing shown stands on fewer people than the thresholds the survey opened with.
        const { minGroupSize, commentsMinGroupSize } = published.thresholds;
        expect(minGroupSize).toBe(run.minGroupSize);
        expect(published.participation.eligible ?? minGroupSize).toBeGreaterThanOrEqual(
          minGroupSize,
        );
        for (const department of published.departments) {
          expect(department.responseCount).toBeGreaterThanOrEqual(minGroupSize);
        }
        const shown = published.departments.filter((d: { merged: boolean }) => !d.merged);
        const remainder =
          published.responseCount -
          shown.reduce((total: number, d: { responseCount: number }) => total + d.responseCount, 0);
        if (shown.length > 0) expect(remainder === 0 || remainder >= minGroupSize).toBe(true);
        for (const question of published.freeText ?? []) {
          expect(question.answers.length).toBeGreaterThanOrEqual(commentsMinGroupSize);
        }

        // The organisation changes what it likes; the figures stay what they were.
        for (const step of run.afterClose) {
          await act(org.id, members, step);
          expect(await results(survey.id)).toEqual(published);
        }
      }),
      { seed: SEED, numRuns: 40, endOnFailure: true },
    );
    // 40 runs of HTTP calls against PostgreSQL: seconds on an idle machine, more on a busy one.
  }, 120_000);
});
