import { JwtService } from '@nestjs/jwt';
import { AccessTokenKey } from '../src/auth/access-token-key.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register, uniqueEmail } from './support/auth-helpers.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const PROBLEM = /^application\/problem\+json/;

describe('identity: accounts, sessions and roles', () => {
  let t: TestApp;
  let prisma: PrismaService;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('register and login', () => {
    it('registers with a normalised email, an argon2id hash at OWASP cost, and answers tokens', async () => {
      const email = uniqueEmail('Mixed').replace('mixed', 'MiXeD');
      const response = await inject({
        method: 'POST',
        url: '/v1/auth/register',
        payload: { email: `  ${email} `.trim(), password: 'twelve chars', displayName: 'Ana' },
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: expect.objectContaining({
          email: email.toLowerCase(),
          role: 'individual',
          displayName: 'Ana',
        }),
      });
      expect(JSON.stringify(body)).not.toMatch(/argon2|password/);
      const stored = await prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
      expect(stored.password).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      // Only a SHA-256 of the refresh token is stored.
      const tokens = await prisma.refreshToken.findMany({ where: { userId: stored.id } });
      expect(tokens.map((token) => token.token)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect(tokens[0].token).not.toBe(body.refreshToken);
    });

    it('refuses a taken email whatever its case, and short or long passwords', async () => {
      const person = await register(t.app);
      const taken = await inject({
        method: 'POST',
        url: '/v1/auth/register',
        payload: { email: person.email.toUpperCase(), password: 'another long password' },
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.headers['content-type']).toMatch(PROBLEM);
      for (const password of ['elevenchars', 'x'.repeat(129)]) {
        const response = await inject({
          method: 'POST',
          url: '/v1/auth/register',
          payload: { email: uniqueEmail(), password },
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([expect.objectContaining({ field: 'password' })]);
      }
    });

    it('accepts any characters in a password (no composition rules)', async () => {
      const email = uniqueEmail();
      const password = 'ääääää ääääää 🙂';
      expect(
        (await inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password } }))
          .statusCode,
      ).toBe(201);
      expect(
        (await inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } }))
          .statusCode,
      ).toBe(200);
    });

    it('answers a wrong password and an unknown email the same way', async () => {
      const person = await register(t.app);
      const wrongPassword = await inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: person.email, password: 'not the password' },
      });
      const unknownEmail = await inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: uniqueEmail('nobody'), password: 'not the password' },
      });
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownEmail.statusCode).toBe(401);
      expect(unknownEmail.json()).toEqual(wrongPassword.json());
    });
  });

  describe('access tokens', () => {
    it('lets the bearer read and update their own account', async () => {
      const person = await register(t.app);
      const me = await inject({
        method: 'GET',
        url: '/v1/me',
        headers: bearer(person.accessToken),
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: person.user.id, email: person.email });
      const updated = await inject({
        method: 'PATCH',
        url: '/v1/me',
        headers: bearer(person.accessToken),
        payload: { timezone: 'America/Sao_Paulo', preferences: { reminders: true } },
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({
        timezone: 'America/Sao_Paulo',
        preferences: { reminders: true },
      });
      const badZone = await inject({
        method: 'PATCH',
        url: '/v1/me',
        headers: bearer(person.accessToken),
        payload: { timezone: 'Mars/Olympus_Mons' },
      });
      expect(badZone.statusCode).toBe(400);
      expect(badZone.json().errors).toEqual([expect.objectContaining({ field: 'timezone' })]);
      expect(
        (await prisma.user.findUniqueOrThrow({ where: { id: person.user.id } })).timezone,
      ).toBe('America/Sao_Paulo');
    });

    it('refuses missing, expired, forged, alg:none and wrong-audience tokens with 401 and a Bearer challenge', async () => {
      const person = await register(t.app);
      const key = t.app.get(AccessTokenKey).key;
      const claims = {
        sub: person.user.id,
        role: 'admin',
        sid: '00000000-0000-4000-8000-000000000000',
      };
      const signer = new JwtService({ secret: key });
      const now = Math.floor(Date.now() / 1000);
      const expired = signer.sign(
        { ...claims, exp: now - 10, iat: now - 1000 },
        { issuer: 'mindfulme', audience: 'mindfulme-api' },
      );
      const forged = new JwtService({ secret: 'another key of thirty-two characters!!' }).sign(
        claims,
        {
          issuer: 'mindfulme',
          audience: 'mindfulme-api',
          expiresIn: 600,
        },
      );
      const wrongAudience = signer.sign(claims, {
        issuer: 'mindfulme',
        audience: 'another-api',
        expiresIn: 600,
      });
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const algNone = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, iss: 'mindfulme', aud: 'mindfulme-api', exp: now + 600 })}.`;
      const tampered = person.accessToken.replace(/\.([^.]+)\./, (_, payload: string) => {
        const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
        return `.${encode({ ...decoded, role: 'admin' })}.`;
      });

      const cases = { none: undefined, expired, forged, wrongAudience, algNone, tampered };
      for (const [name, token] of Object.entries(cases)) {
        const response = await inject({
          method: 'GET',
          url: '/v1/me',
          headers: token ? bearer(token) : {},
        });
        expect({ name, status: response.statusCode }).toEqual({ name, status: 401 });
        expect(response.headers['content-type']).toMatch(PROBLEM);
        // RFC 6750: the challenge, with invalid_token when a token was presented.
        expect({ name, challenge: response.headers['www-authenticate'] }).toEqual({
          name,
          challenge: token
            ? expect.stringMatching(/^Bearer realm="mindfulme", error="invalid_token"/)
            : 'Bearer realm="mindfulme"',
        });
      }
    });
  });

  describe('refresh tokens', () => {
    it('rotate on every refresh, and reuse of a rotated token ends the whole session', async () => {
      const person = await register(t.app);
      const first = await inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: person.refreshToken },
      });
      expect(first.statusCode).toBe(200);
      const rotated = first.json();
      expect(rotated.refreshToken).not.toBe(person.refreshToken);
      expect(
        (await inject({ method: 'GET', url: '/v1/me', headers: bearer(rotated.accessToken) }))
          .statusCode,
      ).toBe(200);

      // The old token again: someone copied it. Refused, and the new one dies with it.
      const reuse = await inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: person.refreshToken },
      });
      expect(reuse.statusCode).toBe(401);
      const afterReuse = await inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: rotated.refreshToken },
      });
      expect(afterReuse.statusCode).toBe(401);
      expect(await prisma.refreshToken.count({ where: { userId: person.user.id } })).toBe(0);
    });

    it('logout ends the session; other sessions of the person go on', async () => {
      const person = await register(t.app);
      const second = (
        await inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: person.email, password: person.password },
        })
      ).json();
      const logout = await inject({
        method: 'POST',
        url: '/v1/auth/logout',
        payload: { refreshToken: person.refreshToken },
      });
      expect(logout.statusCode).toBe(204);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/refresh',
            payload: { refreshToken: person.refreshToken },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/refresh',
            payload: { refreshToken: second.refreshToken },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('a new password ends every session and signs in anew', async () => {
      const person = await register(t.app);
      const wrong = await inject({
        method: 'POST',
        url: '/v1/me/password',
        headers: bearer(person.accessToken),
        payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
      });
      expect(wrong.statusCode).toBe(401);
      const changed = await inject({
        method: 'POST',
        url: '/v1/me/password',
        headers: bearer(person.accessToken),
        payload: { currentPassword: person.password, newPassword: 'a brand new passphrase' },
      });
      expect(changed.statusCode).toBe(200);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/refresh',
            payload: { refreshToken: person.refreshToken },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/refresh',
            payload: { refreshToken: changed.json().refreshToken },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/login',
            payload: { email: person.email, password: person.password },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/login',
            payload: { email: person.email, password: 'a brand new passphrase' },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('expired sessions are removed by the scheduled job', async () => {
      const person = await register(t.app);
      await prisma.refreshToken.updateMany({
        where: { userId: person.user.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await t.app.get(JobRegistry).get('auth.purge-expired-sessions').handle({});
      expect(await prisma.refreshToken.count({ where: { userId: person.user.id } })).toBe(0);
    });
  });

  describe('ownership and roles', () => {
    it('pages one’s sessions one by one, last used first', async () => {
      const cam = await register(t.app, 'cam');
      const signIn = async () =>
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/login',
            payload: { email: cam.email, password: cam.password },
          })
        ).json();
      const second = await signIn();
      await signIn();
      // The first session is used again: it leads the list.
      const refreshed = await inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: cam.refreshToken },
      });
      expect(refreshed.statusCode).toBe(200);

      const pages = await walkOneByOne<{ id: string; current: boolean }>(
        t.app,
        '/v1/me/sessions',
        bearer(second.accessToken),
      );
      expect(pages.map((page) => page.items.length)).toEqual([1, 1, 1]);
      expect(pages.at(-1)?.nextCursor).toBeNull();
      const sessions = pages.flatMap((page) => page.items);
      expect(new Set(sessions.map((session) => session.id)).size).toBe(3);
      const tokenRows = await prisma.refreshToken.findMany({
        where: { userId: cam.user.id },
        orderBy: { createdAt: 'asc' },
        select: { familyId: true },
      });
      // The first sign-in's session, refreshed last, comes first.
      expect(sessions[0]?.id).toBe(tokenRows[0]?.familyId);
      expect(sessions.filter((session) => session.current)).toHaveLength(1);
    });

    it('lists one’s sessions, and someone else’s session id answers 404, not 403', async () => {
      const ana = await register(t.app, 'ana');
      const bob = await register(t.app, 'bob');
      const sessions = await inject({
        method: 'GET',
        url: '/v1/me/sessions',
        headers: bearer(bob.accessToken),
      });
      expect(sessions.statusCode).toBe(200);
      const [bobSession] = sessions.json().items;
      expect(bobSession).toMatchObject({ id: expect.any(String), current: true });

      const foreign = await inject({
        method: 'DELETE',
        url: `/v1/me/sessions/${bobSession.id}`,
        headers: bearer(ana.accessToken),
      });
      expect(foreign.statusCode).toBe(404);
      expect(await prisma.refreshToken.count({ where: { userId: bob.user.id } })).toBe(1);
      const own = await inject({
        method: 'DELETE',
        url: `/v1/me/sessions/${bobSession.id}`,
        headers: bearer(bob.accessToken),
      });
      expect(own.statusCode).toBe(204);
      expect(await prisma.refreshToken.count({ where: { userId: bob.user.id } })).toBe(0);
    });

    it('keeps admin routes to admins, and marks them in the OpenAPI document', async () => {
      const person = await register(t.app);
      const admin = await platformAdmin(t.app, 'admin');
      const route = `/v1/admin/users/${person.user.id}/role`;
      const refused = await inject({
        method: 'PATCH',
        url: route,
        headers: bearer(person.accessToken),
        payload: { role: 'admin' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(PROBLEM);

      const granted = await inject({
        method: 'PATCH',
        url: route,
        headers: bearer(admin.accessToken),
        payload: { role: 'manager' },
      });
      expect(granted.statusCode).toBe(200);
      expect(granted.json()).toMatchObject({ id: person.user.id, role: 'manager' });
      // The role lives in tokens, so the person's sessions ended.
      expect(
        (
          await inject({
            method: 'POST',
            url: '/v1/auth/refresh',
            payload: { refreshToken: person.refreshToken },
          })
        ).statusCode,
      ).toBe(401);
      // ... and the access token already in their hands stops working at once, not at expiry.
      expect(
        (await inject({ method: 'GET', url: '/v1/me', headers: bearer(person.accessToken) }))
          .statusCode,
      ).toBe(401);
      // An admin demoted is no longer an admin with the token they hold.
      await inject({
        method: 'PATCH',
        url: `/v1/admin/users/${admin.user.id}/role`,
        headers: bearer(admin.accessToken),
        payload: { role: 'individual' },
      });
      expect(
        (
          await inject({
            method: 'GET',
            url: '/v1/admin/rants/reported',
            headers: bearer(admin.accessToken),
          })
        ).statusCode,
      ).toBe(401);

      const document = (await inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(document.paths['/v1/admin/users/{id}/role'].patch['x-required-roles']).toEqual([
        'admin',
      ]);
    });
  });

  describe('erasure and export', () => {
    it('exports the person’s data as one document, and erasure leaves no personal row behind', async () => {
      const person = await register(t.app);
      const other = await register(t.app);
      const userId = person.user.id;
      await inject({
        method: 'POST',
        url: '/v1/mood',
        headers: bearer(person.accessToken),
        payload: { moodScore: 6, notes: 'fine' },
      });
      const journal = (
        await inject({
          method: 'POST',
          url: '/v1/journals',
          headers: bearer(person.accessToken),
          payload: { content: 'dear diary', tags: ['sleep'] },
        })
      ).json();
      const therapist = await prisma.therapist.create({
        data: { name: 'T', specialization: 'sleep', licenseNumber: `L-${userId}` },
      });
      await prisma.appointment.create({
        data: {
          therapistId: therapist.id,
          userId,
          startTime: new Date('2031-01-01T10:00Z'),
          endTime: new Date('2031-01-01T11:00Z'),
        },
      });
      await prisma.buddyMatch.create({ data: { userAId: other.user.id, userBId: userId } });
      const organization = await prisma.organization.create({
        data: { name: 'Acme', adminUserId: userId },
      });
      await prisma.employee.create({
        data: { userId, orgId: organization.id, anonymizedId: newAnonymizedId() },
      });
      const [course] = await prisma.course.findMany({ take: 1 });
      await prisma.courseEnrollment.create({ data: { userId, courseId: course.id } });
      const rant = (
        await inject({
          method: 'POST',
          url: '/v1/rants',
          headers: bearer(person.accessToken),
          payload: { content: 'venting' },
        })
      ).json();

      const exported = await inject({
        method: 'GET',
        url: '/v1/me/export',
        headers: bearer(person.accessToken),
      });
      expect(exported.statusCode).toBe(200);
      expect(exported.json()).toMatchObject({
        account: { id: userId, email: person.email },
        moodEntries: [expect.objectContaining({ moodScore: 6, notes: 'fine' })],
        journals: [
          expect.objectContaining({ id: journal.id, content: 'dear diary', tags: ['sleep'] }),
        ],
        appointments: [expect.objectContaining({ therapistId: therapist.id })],
        memberships: [
          expect.objectContaining({ organization: { id: organization.id, name: 'Acme' } }),
        ],
        buddyMatches: [expect.objectContaining({ userAId: other.user.id })],
        courseEnrollments: [expect.objectContaining({ courseId: course.id })],
      });
      expect(exported.body).not.toMatch(/argon2|"token"/);

      expect(
        (await inject({ method: 'DELETE', url: '/v1/me', headers: bearer(person.accessToken) }))
          .statusCode,
      ).toBe(204);
      // The erased account's token opens nothing any more, not even an anonymous post.
      const afterErasure = await inject({
        method: 'POST',
        url: '/v1/rants',
        headers: bearer(person.accessToken),
        payload: { content: 'still here?' },
      });
      expect(afterErasure.statusCode).toBe(401);

      const remaining = await prisma.$queryRaw<Array<{ table: string; count: bigint }>>`
        SELECT 'users' AS table, count(*) FROM users WHERE id = ${userId}::uuid
        UNION ALL SELECT 'refresh_tokens', count(*) FROM refresh_tokens WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'mood_entries', count(*) FROM mood_entries WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'journals', count(*) FROM journals WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'assessment_responses', count(*) FROM assessment_responses WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'appointments', count(*) FROM appointments WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'employees', count(*) FROM employees WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'buddy_matches', count(*) FROM buddy_matches WHERE ${userId}::uuid IN (user_a_id, user_b_id)
        UNION ALL SELECT 'course_enrollments', count(*) FROM course_enrollments WHERE user_id = ${userId}::uuid
        UNION ALL SELECT 'organizations', count(*) FROM organizations WHERE admin_user_id = ${userId}::uuid`;
      expect(remaining.filter((row) => Number(row.count) > 0)).toEqual([]);
      // Organisation-level rows stay; anonymous content stays and still leads nowhere.
      expect(
        await prisma.organization.findUnique({ where: { id: organization.id } }),
      ).toMatchObject({ adminUserId: null });
      expect(await prisma.anonymousRant.findUnique({ where: { id: rant.id } })).not.toBeNull();
      // The access token outlives the account by at most its lifetime; it opens nothing.
      expect(
        (await inject({ method: 'GET', url: '/v1/me', headers: bearer(person.accessToken) }))
          .statusCode,
      ).toBe(401);
    });
  });
});

describe('identity: throttling (Redis-backed)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { AUTH_RATE_LIMIT_PER_ACCOUNT: '3', AUTH_RATE_LIMIT_PER_ADDRESS: '1000' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After past the per-account limit, counted in Redis', async () => {
    const email = uniqueEmail('target');
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email, password: 'guessing wrong' },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    // Another account from the same address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: uniqueEmail(), password: 'guessing wrong' },
    });
    expect(other.statusCode).toBe(401);
    const { RedisClient } = await import('../src/jobs/redis-connection.js');
    const keys = await t.app
      .get(RedisClient)
      .client!.keys(`${t.config.QUEUE_PREFIX}:rate:auth:account*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});
