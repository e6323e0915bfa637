import { PrismaService } from '../src/database/prisma.service.js';
import { hrClientToken } from './factories/clients.js';
import { ssoSession, verifiedDomain } from './factories/orgs.js';
import { bearer, register, type SignedIn, uniqueEmail } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

describe('organisation settings, members and HR provisioning', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let platformSession: { accessToken: string };
  let orgAdmin: SignedIn;
  let outsider: SignedIn;
  let orgId: string;
  let otherOrgId: string;
  let writerToken: string;
  let readerToken: string;
  let foreignWriterToken: string;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const employeesUrl = (id = orgId) => `/v1/orgs/${id}/employees`;

  const login = async (person: SignedIn) =>
    (
      await inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: person.email, password: person.password },
      })
    ).json() as { accessToken: string; refreshToken: string };

  const createOrg = async (name: string, adminUserId: string) => {
    const response = await inject({
      method: 'POST',
      url: '/v1/orgs',
      headers: bearer(platformSession.accessToken),
      payload: { name, adminUserId },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  const clientToken = (org: string, admin: string, scopes: string[]) =>
    hrClientToken(t.app, org, admin, scopes);

  const add = (token: string, payload: Record<string, unknown>, org = orgId) =>
    inject({ method: 'POST', url: employeesUrl(org), headers: bearer(token), payload });

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    const boss = await platformAdmin(t.app, 'platform');
    platformSession = await login(boss);
    orgAdmin = await register(t.app, 'orgadmin');
    outsider = await register(t.app, 'outsider');
    const otherAdmin = await register(t.app, 'otheradmin');
    orgId = await createOrg('Acme', orgAdmin.user.id);
    otherOrgId = await createOrg('Globex', otherAdmin.user.id);
    // Acme's people: everyone registered here, and its HR roster's domain.
    await verifiedDomain(prisma, orgId, 'example.org');
    await verifiedDomain(prisma, orgId, 'roster.acme.test');
    writerToken = await clientToken(orgId, orgAdmin.accessToken, ['employees:write']);
    readerToken = await clientToken(orgId, orgAdmin.accessToken, ['employees:read']);
    foreignWriterToken = await clientToken(otherOrgId, otherAdmin.accessToken, ['employees:write']);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('PATCH /v1/orgs/{orgId}', () => {
    const patch = (token: string, payload: Record<string, unknown>, org = orgId) =>
      inject({ method: 'PATCH', url: `/v1/orgs/${org}`, headers: bearer(token), payload });

    it('lets the org admin rename it and change settings, one setting at a time', async () => {
      const response = await patch(orgAdmin.accessToken, {
        name: 'Acme Europe',
        settings: { minGroupSize: 7, departments: ['Engineering', 'Ops', 'Sales'] },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: orgId,
        name: 'Acme Europe',
        settings: { minGroupSize: 7, departments: ['Engineering', 'Ops', 'Sales'] },
      });
      const onlySize = await patch(orgAdmin.accessToken, { settings: { minGroupSize: 6 } });
      expect(onlySize.json().settings).toEqual({
        minGroupSize: 6,
        commentsMinGroupSize: 10,
        departments: ['Engineering', 'Ops', 'Sales'],
        scoreCadence: 'daily',
        timezone: 'UTC',
      });
      // Comments are never listed below the figures' threshold.
      const tooLow = await patch(orgAdmin.accessToken, { settings: { commentsMinGroupSize: 5 } });
      expect(tooLow.statusCode).toBe(422);
      const stored = await prisma.organization.findUniqueOrThrow({ where: { id: orgId } });
      expect(stored.settings).toEqual({
        minGroupSize: 6,
        departments: ['Engineering', 'Ops', 'Sales'],
      });
    });

    it('refuses bad settings and unknown fields with 400, changing nothing', async () => {
      for (const payload of [
        { settings: { minGroupSize: 2 } },
        { settings: { minGroupSize: 1001 } },
        { settings: { departments: ['Ops', 'Ops'] } },
        { settings: { departments: [''] } },
        { settings: { departments: Array.from({ length: 201 }, (_, i) => `D${i}`) } },
        { settings: { emailDomains: ['acme.com'] } },
        { settings: { scoreCadence: 'minutely' } },
        { settings: { timezone: 'Mars/Olympus' } },
        { settings: null },
        { name: '' },
        { plan: 'enterprise' },
      ]) {
        const response = await patch(orgAdmin.accessToken, payload);
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const stored = await prisma.organization.findUniqueOrThrow({ where: { id: orgId } });
      expect(stored.settings).toMatchObject({ minGroupSize: 6 });
    });

    it('hands the organisation to another admin only for platform admins', async () => {
      const heir = await register(t.app, 'heir');
      const byOrgAdmin = await patch(orgAdmin.accessToken, { adminUserId: heir.user.id });
      expect(byOrgAdmin.statusCode).toBe(403);
      const unknown = await patch(platformSession.accessToken, {
        adminUserId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.statusCode).toBe(422);
      const handed = await patch(
        platformSession.accessToken,
        { adminUserId: heir.user.id },
        otherOrgId,
      );
      expect(handed.statusCode).toBe(200);
      expect(handed.json().adminUserId).toBe(heir.user.id);
    });

    it('is not found for outsiders and refused to HR clients', async () => {
      expect((await patch(outsider.accessToken, { name: 'Mine' })).statusCode).toBe(404);
      expect((await patch(writerToken, { name: 'Mine' })).statusCode).toBe(403);
      const stored = await prisma.organization.findUniqueOrThrow({ where: { id: orgId } });
      expect(stored.name).toBe('Acme Europe');
    });
  });

  describe('members', () => {
    it('adds, updates and removes a member; removal ends its SSO sessions and keeps their own data', async () => {
      const person = await register(t.app, 'member');
      const mood = await inject({
        method: 'POST',
        url: '/v1/mood',
        headers: bearer(person.accessToken),
        payload: { moodScore: 6 },
      });
      expect(mood.statusCode).toBe(201);

      const added = await add(orgAdmin.accessToken, {
        email: person.email.toUpperCase(),
        jobTitle: 'Engineer',
        department: 'Ops',
      });
      expect(added.statusCode).toBe(201);
      const employee = added.json();
      expect(employee).toMatchObject({
        email: person.email,
        jobTitle: 'Engineer',
        department: 'Ops',
        externalId: null,
        active: true,
        anonymizedId: expect.any(String),
      });
      expect(employee.anonymizedId).not.toContain(person.user.id);
      // HR systems look one member up by id; another organisation's client finds nothing.
      const one = await inject({
        method: 'GET',
        url: `${employeesUrl()}/${employee.id}`,
        headers: bearer(readerToken),
      });
      expect(one.json()).toEqual(employee);
      const foreign = await inject({
        method: 'GET',
        url: `${employeesUrl()}/${employee.id}`,
        headers: bearer(foreignWriterToken),
      });
      expect(foreign.statusCode).toBe(404);
      expect(employee).not.toHaveProperty('wellnessStreak');
      expect((await add(orgAdmin.accessToken, { email: person.email })).statusCode).toBe(409);

      const updated = await inject({
        method: 'PATCH',
        url: `${employeesUrl()}/${employee.id}`,
        headers: bearer(orgAdmin.accessToken),
        payload: { jobTitle: 'Lead', department: 'Engineering', externalId: 'WD-77' },
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({
        jobTitle: 'Lead',
        department: 'Engineering',
        externalId: 'WD-77',
      });
      const cleared = await inject({
        method: 'PATCH',
        url: `${employeesUrl()}/${employee.id}`,
        headers: bearer(orgAdmin.accessToken),
        payload: { jobTitle: null },
      });
      expect(cleared.json()).toMatchObject({ jobTitle: null, department: 'Engineering' });

      const throughSso = await ssoSession(prisma, orgId, person.user.id);
      const removed = await inject({
        method: 'DELETE',
        url: `${employeesUrl()}/${employee.id}`,
        headers: bearer(orgAdmin.accessToken),
      });
      expect(removed.statusCode).toBe(204);
      const row = await prisma.employee.findUniqueOrThrow({ where: { id: employee.id } });
      expect(row.endedAt).not.toBeNull();
      // Only the session begun through Acme's SSO ended; the person's own sign-in is theirs.
      expect(await prisma.refreshToken.count({ where: { token: throughSso } })).toBe(0);
      const refresh = await inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: person.refreshToken },
      });
      expect(refresh.statusCode).toBe(200);
      expect(await prisma.user.count({ where: { id: person.user.id } })).toBe(1);
      expect(await prisma.moodEntry.count({ where: { userId: person.user.id } })).toBe(1);

      const ended = await inject({
        method: 'GET',
        url: `${employeesUrl()}?active=false`,
        headers: bearer(orgAdmin.accessToken),
      });
      expect(ended.json()).toEqual({
        items: [expect.objectContaining({ id: employee.id, active: false, externalId: 'WD-77' })],
        nextCursor: null,
      });
      // Each change queued the recompute, in the change's own transaction.
      expect(
        await prisma.outboxEvent.count({
          where: { jobName: 'orgs.recompute-wellness', jobKey: orgId },
        }),
      ).toBeGreaterThanOrEqual(4);

      const rejoined = await add(orgAdmin.accessToken, { email: person.email, department: 'Ops' });
      expect(rejoined.statusCode).toBe(201);
      expect(rejoined.json()).toMatchObject({ id: employee.id, active: true, department: 'Ops' });
    });

    it('makes an account without a usable password for a new email', async () => {
      const email = uniqueEmail('newhire');
      const added = await add(writerToken, { email, externalId: 'WD-NEW-1' });
      expect(added.statusCode).toBe(201);
      const account = await prisma.user.findUniqueOrThrow({ where: { email } });
      expect(account.password).toMatch(/^\$argon2id\$/);
      expect(account.role).toBe('individual');
      const signIn = await inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email, password: 'correct horse battery staple' },
      });
      expect(signIn.statusCode).toBe(401);
    });

    it('refuses a department outside the list and duplicate external ids, changing nothing', async () => {
      const email = uniqueEmail('legal');
      const badDepartment = await add(orgAdmin.accessToken, { email, department: 'Legal' });
      expect(badDepartment.statusCode).toBe(422);
      expect(badDepartment.json().detail).toMatch(/Legal/);
      expect(await prisma.user.count({ where: { email } })).toBe(0);

      const taken = await add(orgAdmin.accessToken, { email, externalId: 'WD-NEW-1' });
      expect(taken.statusCode).toBe(409);
      expect(await prisma.user.count({ where: { email } })).toBe(0);

      const member = (await add(orgAdmin.accessToken, { email: uniqueEmail('m') })).json();
      const patch = (payload: Record<string, unknown>) =>
        inject({
          method: 'PATCH',
          url: `${employeesUrl()}/${member.id}`,
          headers: bearer(orgAdmin.accessToken),
          payload,
        });
      expect((await patch({ department: 'Legal' })).statusCode).toBe(422);
      expect((await patch({ externalId: 'WD-NEW-1' })).statusCode).toBe(409);
      expect((await patch({ salary: 1 })).statusCode).toBe(400);
      expect((await add(orgAdmin.accessToken, { email: 'not an email' })).statusCode).toBe(400);
      const unknown = await inject({
        method: 'DELETE',
        url: `${employeesUrl()}/00000000-0000-4000-8000-000000000000`,
        headers: bearer(orgAdmin.accessToken),
      });
      expect(unknown.statusCode).toBe(404);
    });

    it('gives every member a different random anonymized id', async () => {
      const rows = await prisma.employee.findMany({ select: { anonymizedId: true, userId: true } });
      expect(rows.length).toBeGreaterThan(2);
      expect(new Set(rows.map((row) => row.anonymizedId)).size).toBe(rows.length);
      for (const row of rows) expect(row.anonymizedId).not.toContain(row.userId);
    });

    it('pages the list with a Link header and filters by department and activity', async () => {
      for (const department of ['Sales', 'Sales', 'Sales']) {
        expect(
          (await add(orgAdmin.accessToken, { email: uniqueEmail('sales'), department })).statusCode,
        ).toBe(201);
      }
      const first = await inject({
        method: 'GET',
        url: `${employeesUrl()}?department=Sales&active=true&limit=2`,
        headers: bearer(readerToken),
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().items).toHaveLength(2);
      const next = /^<([^>]+)>; rel="next"$/.exec(String(first.headers.link))?.[1];
      expect(next).toMatch(/department=Sales/);
      // The body names the same next page as the Link header.
      expect(next).toContain(`cursor=${first.json().nextCursor}`);
      const second = await inject({ method: 'GET', url: next!, headers: bearer(readerToken) });
      expect(second.json()).toMatchObject({ nextCursor: null });
      expect(second.json().items).toHaveLength(1);
      expect(second.headers.link).toBeUndefined();
      const all = [...first.json().items, ...second.json().items];
      expect(new Set(all.map((row: { id: string }) => row.id)).size).toBe(3);
      for (const row of all) {
        expect(Object.keys(row).sort()).toEqual(
          [
            'active',
            'anonymizedId',
            'createdAt',
            'department',
            'displayName',
            'email',
            'endedAt',
            'externalId',
            'id',
            'jobTitle',
            'orgRole',
            'updatedAt',
          ].sort(),
        );
      }
    });

    it('is not found for managers and outsiders, and refused to clients without employees:write', async () => {
      const manager = await register(t.app, 'manager');
      const managerMember = await add(orgAdmin.accessToken, { email: manager.email });
      expect(managerMember.statusCode).toBe(201);
      const promoted = await inject({
        method: 'PATCH',
        url: `${employeesUrl()}/${managerMember.json().id}`,
        headers: bearer(orgAdmin.accessToken),
        payload: { orgRole: 'manager' },
      });
      expect(promoted.json()).toMatchObject({ orgRole: 'manager' });
      // An HR client cannot name managers: leading is for people the admin answers for.
      const byClient = await inject({
        method: 'PATCH',
        url: `${employeesUrl()}/${managerMember.json().id}`,
        headers: bearer(writerToken),
        payload: { orgRole: 'member' },
      });
      expect(byClient.statusCode).toBe(403);
      const managerToken = (await login(manager)).accessToken;
      const target = (await add(orgAdmin.accessToken, { email: uniqueEmail('target') })).json();
      const attempts = (token: string) => [
        inject({ method: 'GET', url: employeesUrl(), headers: bearer(token) }),
        add(token, { email: uniqueEmail('sneaky') }),
        inject({
          method: 'PATCH',
          url: `${employeesUrl()}/${target.id}`,
          headers: bearer(token),
          payload: { jobTitle: 'Boss' },
        }),
        inject({ method: 'DELETE', url: `${employeesUrl()}/${target.id}`, headers: bearer(token) }),
        inject({
          method: 'PUT',
          url: employeesUrl(),
          headers: bearer(token),
          payload: { employees: [{ email: uniqueEmail('sneaky') }] },
        }),
      ];
      for (const token of [managerToken, outsider.accessToken, foreignWriterToken]) {
        const statuses = (await Promise.all(attempts(token))).map((r) => r.statusCode);
        expect(statuses).toEqual([404, 404, 404, 404, 404]);
      }
      const reader = (await Promise.all(attempts(readerToken))).map((r) => r.statusCode);
      expect(reader).toEqual([200, 403, 403, 403, 403]);
      const untouched = await prisma.employee.findUniqueOrThrow({ where: { id: target.id } });
      expect(untouched).toMatchObject({ jobTitle: null, endedAt: null });
    });
  });

  describe('PUT /v1/orgs/{orgId}/employees (HR roster)', () => {
    const departments = ['Engineering', 'Ops', 'Sales'];
    const roster = Array.from({ length: 2000 }, (_, i) => ({
      externalId: `HR-${String(i).padStart(5, '0')}`,
      email: `hr-${i}@roster.acme.test`,
      jobTitle: `Title ${i % 7}`,
      department: departments[i % 3],
    }));
    const put = (employees: unknown[], token = writerToken) =>
      inject({
        method: 'PUT',
        url: employeesUrl(),
        headers: bearer(token),
        payload: { employees },
      });
    const snapshot = async () =>
      new Map(
        (
          await prisma.employee.findMany({
            where: { orgId },
            select: { id: true, updatedAt: true, endedAt: true, jobTitle: true },
          })
        ).map((row) => [row.id, row]),
      );

    it('creates 2,000 members in one call, then answers the same roster all unchanged', async () => {
      const first = await put(roster);
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body.summary).toEqual({
        created: 2000,
        updated: 0,
        unchanged: 0,
        deactivated: 0,
        errors: 0,
      });
      expect(body.results[1999]).toEqual({
        index: 1999,
        key: 'HR-01999',
        status: 'created',
        employeeId: expect.any(String),
      });
      expect(new Set(body.results.map((row: { employeeId: string }) => row.employeeId)).size).toBe(
        2000,
      );
      const stored = await prisma.employee.findUniqueOrThrow({
        where: { id: body.results[4].employeeId },
        include: { user: true },
      });
      expect(stored).toMatchObject({
        externalId: 'HR-00004',
        jobTitle: 'Title 4',
        department: 'Ops',
        endedAt: null,
        user: { email: 'hr-4@roster.acme.test' },
      });

      const before = await snapshot();
      const users = await prisma.user.count();
      const events = await prisma.outboxEvent.count();
      const again = await put(roster);
      expect(again.statusCode).toBe(200);
      expect(again.json().summary).toEqual({
        created: 0,
        updated: 0,
        unchanged: 2000,
        deactivated: 0,
        errors: 0,
      });
      expect(
        again.json().results.every((row: { status: string }) => row.status === 'unchanged'),
      ).toBe(true);
      expect(await snapshot()).toEqual(before);
      expect(await prisma.user.count()).toBe(users);
      expect(await prisma.outboxEvent.count()).toBe(events);
    });

    it('pages every member of one roster sync exactly once, though they share one instant', async () => {
      const created = await prisma.employee.findMany({
        where: { orgId, externalId: { startsWith: 'HR-' } },
        select: { id: true, createdAt: true },
      });
      expect(created).toHaveLength(2000);
      // One transaction: every row has the same created_at.
      expect(new Set(created.map((row) => row.createdAt.getTime())).size).toBe(1);
      const seen: string[] = [];
      let url: string | undefined = `${employeesUrl()}?limit=300`;
      while (url) {
        const page = await inject({ method: 'GET', url, headers: bearer(readerToken) });
        expect(page.statusCode).toBe(200);
        seen.push(...page.json().items.map((row: { id: string }) => row.id));
        url = /^<([^>]+)>; rel="next"$/.exec(String(page.headers.link ?? ''))?.[1];
      }
      expect(new Set(seen).size).toBe(seen.length);
      const ids = new Set(seen);
      expect(created.filter((row) => !ids.has(row.id))).toEqual([]);
    });

    it('updates, deactivates and reactivates by key, and matches an existing member by email', async () => {
      const person = await register(t.app, 'synced');
      const byEmail = (await add(orgAdmin.accessToken, { email: person.email })).json();
      const response = await put([
        { ...roster[0], jobTitle: 'Director' },
        { ...roster[1], active: false },
        { ...roster[2] },
        { externalId: 'HR-PERSON', email: person.email.toUpperCase() },
        { externalId: 'HR-LEAVER', email: uniqueEmail('leaver'), active: false },
      ]);
      expect(response.statusCode).toBe(200);
      const { results, summary } = response.json();
      expect(results.map((row: { status: string }) => row.status)).toEqual([
        'updated',
        'deactivated',
        'unchanged',
        'updated',
        'unchanged',
      ]);
      expect(results[3].employeeId).toBe(byEmail.id);
      expect(summary).toEqual({ created: 0, updated: 2, unchanged: 2, deactivated: 1, errors: 0 });
      const deactivated = await prisma.employee.findUniqueOrThrow({
        where: { id: results[1].employeeId },
      });
      expect(deactivated.endedAt).not.toBeNull();
      expect(await prisma.employee.findUniqueOrThrow({ where: { id: byEmail.id } })).toMatchObject({
        externalId: 'HR-PERSON',
      });

      const back = await put([{ ...roster[1], active: true }], orgAdmin.accessToken);
      expect(back.json().results[0].status).toBe('updated');
      expect(
        (await prisma.employee.findUniqueOrThrow({ where: { id: results[1].employeeId } })).endedAt,
      ).toBeNull();
    });

    it('ends the sessions of members it deactivates that began through its SSO', async () => {
      const person = await register(t.app, 'leaving');
      expect(
        (await put([{ externalId: 'HR-LEAVING', email: person.email }])).json().summary.created,
      ).toBe(1);
      const throughSso = await ssoSession(prisma, orgId, person.user.id);
      const response = await put([
        { externalId: 'HR-LEAVING', email: person.email, active: false },
      ]);
      expect(response.json().results[0].status).toBe('deactivated');
      expect(await prisma.refreshToken.count({ where: { token: throughSso } })).toBe(0);
      expect(await prisma.refreshToken.count({ where: { userId: person.user.id } })).toBe(1);
    });

    it('refuses the whole roster with 422 and every bad row when any row is bad', async () => {
      const newcomer = uniqueEmail('newcomer');
      const before = await snapshot();
      const response = await put([
        { externalId: 'HR-OK', email: newcomer },
        { externalId: 'HR-BAD-EMAIL', email: 'nope' },
        { externalId: 'HR-BAD-DEPT', email: uniqueEmail('x'), department: 'Legal' },
        { ...roster[5], jobTitle: 'Changed' },
        { ...roster[5], email: uniqueEmail('dup') },
        { externalId: roster[6].externalId, email: uniqueEmail('thief') },
      ]);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = response.json();
      // The refused rows and how many; nothing about what the others would have done.
      expect(body).toMatchObject({ status: 422 });
      expect(body.summary).toEqual({ errors: 4 });
      expect(body.results).toEqual([
        expect.objectContaining({ index: 1, key: 'HR-BAD-EMAIL', status: 'error' }),
        expect.objectContaining({
          index: 2,
          status: 'error',
          error: expect.stringMatching(/Legal/),
        }),
        expect.objectContaining({
          index: 4,
          status: 'error',
          error: expect.stringMatching(/row 3/),
        }),
        expect.objectContaining({
          index: 5,
          status: 'error',
          error: expect.stringMatching(/email/),
        }),
      ]);
      expect(await prisma.user.count({ where: { email: newcomer } })).toBe(0);
      expect(await snapshot()).toEqual(before);
    });

    it('answers a refused row without echoing all it held', async () => {
      const garbage = 'x'.repeat(5000);
      const response = await put([
        { externalId: garbage, email: uniqueEmail('long-key') },
        { email: uniqueEmail('many-fields'), ...Object.fromEntries([[garbage, 1]]) },
      ]);
      expect(response.statusCode).toBe(422);
      const [longKey, unknownField] = response.json().results;
      expect(longKey).toMatchObject({ index: 0, key: garbage.slice(0, 254), status: 'error' });
      expect(unknownField.error.length).toBeLessThanOrEqual(1000);
    });

    it('refuses more than 10,000 rows with 413 and a body that is not a roster with 400', async () => {
      const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ email: `t${i}@x.io` }));
      const response = await put(tooMany);
      expect(response.statusCode).toBe(413);
      expect(response.json().detail).toMatch(/10000/);
      expect((await put(['not a row'])).statusCode).toBe(400);
      const noList = await inject({
        method: 'PUT',
        url: employeesUrl(),
        headers: bearer(writerToken),
        payload: { employees: 'everyone' },
      });
      expect(noList.statusCode).toBe(400);
    });
  });
});
