import { PHQ9 } from '../src/assessments/instruments.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { verifiedDomain } from './factories/orgs.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const SURVEY_QUESTIONS = [
  {
    id: 'rested',
    text: 'I feel rested at work.',
    type: 'likert',
    required: true,
    wellness: { direction: 'positive', weight: 1 },
  },
  { id: 'ideas', text: 'What would help?', type: 'free_text', required: false, maxLength: 300 },
];

interface Member extends SignedIn {
  employeeId: string;
  anonymizedId: string;
  secrets: string[];
}

/**
 * A scripted day: an organisation, its admin, a manager, an HR system and eight members who log
 * moods with notes, write journals, take an assessment, post, support and report rants, and
 * answer a survey. Then every table and every log line is read for anything that ties anonymous
 * content to a person, and every answer given to the organisation's side for anything personal.
 */
describe('privacy after a day of activity', () => {
  let t: TestApp;
  let prisma: PrismaService;
  const members: Member[] = [];
  /** Every answer given to a manager, the org admin or the HR system. */
  const orgSideAnswers: string[] = [];
  const secrets: string[] = [];
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const call = async (method: string, url: string, token: string, payload?: object) => {
    const response = await inject({
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 400) {
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    }
    return response;
  };
  const asOrgSide = async (method: string, url: string, token: string, payload?: object) => {
    const response = await call(method, url, token, payload);
    orgSideAnswers.push(response.body);
    return response;
  };
  const signInAgain = async (person: SignedIn) =>
    (
      await inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: person.email, password: person.password },
      })
    ).json().accessToken as string;

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true, env: { REDIS_URL: '' } });
    prisma = t.app.get(PrismaService);

    const platform = await platformAdmin(t.app, 'platform');
    const platformToken = await signInAgain(platform);
    const orgAdmin = await register(t.app, 'orgadmin');
    const org = (
      await call('POST', '/v1/orgs', platformToken, {
        name: 'Hooli',
        adminUserId: orgAdmin.user.id,
        minGroupSize: 3,
      })
    ).json();
    await call('PATCH', `/v1/orgs/${org.id}`, orgAdmin.accessToken, {
      settings: { departments: ['Engineering', 'Sales'] },
    });
    const domain = await verifiedDomain(prisma, org.id);

    for (let i = 0; i < 8; i++) {
      const person = await register(t.app, `member${i}`, domain);
      const employee = (
        await asOrgSide('POST', `/v1/orgs/${org.id}/employees`, orgAdmin.accessToken, {
          email: person.email,
          department: i < 4 ? 'Engineering' : 'Sales',
        })
      ).json();
      const own = [
        `mood note of member ${i}: my sister is ill`,
        `journal of member ${i}: I am thinking of quitting`,
        `rant of member ${i}: the on-call rota is unbearable`,
        `survey idea of member ${i}: quiet rooms please`,
      ];
      secrets.push(...own);
      members.push({
        ...person,
        employeeId: employee.id,
        anonymizedId: employee.anonymizedId,
        secrets: own,
      });
    }
    const manager = members[0];
    await asOrgSide(
      'PATCH',
      `/v1/orgs/${org.id}/employees/${manager.employeeId}`,
      orgAdmin.accessToken,
      {
        orgRole: 'manager',
      },
    );
    const managerToken = manager.accessToken;
    const client = (
      await call('POST', `/v1/orgs/${org.id}/api-clients`, orgAdmin.accessToken, {
        name: 'HRIS',
        scopes: ['org.wellness:read', 'surveys:read'],
      })
    ).json();
    secrets.push(client.clientSecret);
    const clientToken = (
      await inject({
        method: 'POST',
        url: '/v1/oauth/token',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        },
        payload: 'grant_type=client_credentials',
      })
    ).json().access_token as string;

    const survey = (
      await asOrgSide('POST', `/v1/orgs/${org.id}/surveys`, managerToken, {
        title: 'Pulse',
        questions: SURVEY_QUESTIONS,
      })
    ).json();
    await asOrgSide('POST', `/v1/surveys/${survey.id}/open`, managerToken);

    const rants: string[] = [];
    for (const [i, member] of members.entries()) {
      const token = member.accessToken;
      await call('POST', '/v1/mood', token, { moodScore: 3 + (i % 6), notes: member.secrets[0] });
      await call('POST', '/v1/journals', token, { content: member.secrets[1], moodScore: 5 });
      await call('POST', `/v1/assessments/${PHQ9.id}/responses`, token, {
        answers: Object.fromEntries(Array.from({ length: 9 }, (_, q) => [`q${q + 1}`, i % 4])),
      });
      const rant = (await call('POST', '/v1/rants', token, { content: member.secrets[2] })).json();
      secrets.push(rant.deleteToken);
      rants.push(rant.id);
      await call('POST', `/v1/surveys/${survey.id}/responses`, token, {
        answers: { rested: 1 + (i % 5), ideas: member.secrets[3] },
      });
    }
    for (const [i, member] of members.entries()) {
      await call('POST', `/v1/rants/${rants[(i + 1) % rants.length]}/support`, member.accessToken);
      await call('POST', `/v1/rants/${rants[(i + 2) % rants.length]}/reports`, member.accessToken, {
        reason: 'other',
      });
    }
    await asOrgSide('POST', `/v1/surveys/${survey.id}/close`, managerToken);
    await t.app.get(JobRegistry).get('orgs.recompute-wellness').handle({ orgId: org.id });

    for (const token of [managerToken, orgAdmin.accessToken, clientToken]) {
      await asOrgSide('GET', `/v1/orgs/${org.id}/dashboard`, token);
      await asOrgSide('GET', `/v1/surveys/${survey.id}/results`, token);
      await asOrgSide('GET', `/v1/orgs/${org.id}/wellness/snapshots`, token);
    }
    for (const token of [managerToken, orgAdmin.accessToken]) {
      await asOrgSide('GET', `/v1/orgs/${org.id}/surveys`, token);
      await asOrgSide('GET', `/v1/surveys/${survey.id}`, token);
    }
    secrets.push(
      ...members.flatMap((member) => [member.password, member.accessToken, member.refreshToken]),
      orgAdmin.accessToken,
      managerToken,
      clientToken,
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** What identifies a member anywhere: their user id, email, employee id, anonymized id. */
  const identities = () =>
    members.flatMap((member) => [
      member.user.id,
      member.email,
      member.employeeId,
      member.anonymizedId,
    ]);

  it('keeps nothing in rants, supports, reports, survey responses or participations that leads to a person', async () => {
    const anonymous = JSON.stringify(
      await prisma.$queryRaw`SELECT
        (SELECT json_agg(r) FROM anonymous_rants r) AS rants,
        (SELECT json_agg(s) FROM rant_supports s) AS supports,
        (SELECT json_agg(p) FROM rant_reports p) AS reports,
        (SELECT json_agg(v) FROM survey_responses v) AS responses`,
    );
    for (const identity of identities()) expect(anonymous).not.toContain(identity);
    for (const secret of secrets) expect(anonymous).not.toContain(secret);

    // Participations name the employee (that is their purpose) and nothing else: the same day
    // for everyone, so neither order nor time pairs one with a response.
    const participations = await prisma.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM survey_participations`;
    expect(participations).toHaveLength(members.length);
    for (const row of participations) {
      expect(Object.keys(row).sort()).toEqual(['created_at', 'employee_id', 'survey_id']);
    }
    const days = await prisma.$queryRaw<Array<{ at: Date }>>`
      SELECT created_at AS at FROM survey_participations
      UNION SELECT created_at FROM survey_responses`;
    expect(days).toHaveLength(1);
    expect(days[0].at.toISOString()).toMatch(/T00:00:00\.000Z$/);
    const rantTimes = await prisma.$queryRaw<Array<{ seconds: number }>>`
      SELECT DISTINCT extract(second FROM created_at)::int AS seconds FROM anonymous_rants`;
    expect(rantTimes).toEqual([{ seconds: 0 }]);
  });

  it('answers the organisation’s side with aggregates only, never a person’s data', () => {
    expect(orgSideAnswers.length).toBeGreaterThan(10);
    const dashboardsAndResults = orgSideAnswers.filter(
      (body) => !body.includes('"anonymizedId"'), // the member list itself is HR data
    );
    for (const body of dashboardsAndResults) {
      for (const identity of identities()) expect(body).not.toContain(identity);
      for (const member of members) {
        for (const secret of member.secrets.slice(0, 3)) expect(body).not.toContain(secret);
      }
      // Aggregates may be named moodScore, and anonymous free text (above the threshold) comes as
      // answers; a person's fields never appear.
      expect(body).not.toMatch(/"(userId|user_id|employeeId|email|notes|content)"/);
    }
  });

  it('writes no password, token, journal, note, rant or survey text to the logs', () => {
    const logs = t.logs.join('\n');
    expect(logs).toContain('/v1/journals');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    for (const member of members) {
      expect(logs).not.toContain(member.email);
      expect(logs).not.toContain(member.password);
    }
  });
});
