import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { PrismaService } from '../src/database/prisma.service.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { hrClientToken } from './factories/clients.js';
import { verifiedDomain } from './factories/orgs.js';
import { bearer, register, type SignedIn, uniqueEmail } from './support/auth-helpers.js';
import { startIdentityProvider, type TestIdentityProvider } from './support/oidc-provider.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const SEED = 20261205;
const CLIENT_ID = 'mindfulme-at-p';
const SCIM_JSON = 'application/scim+json';
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Action =
  | { kind: 'add' | 'addByClient' | 'scim' | 'invite' | 'sso'; target: number; name: string }
  | { kind: 'remove' | 'restore' | 'rename' | 'scimRename'; target: number; name: string }
  | { kind: 'roster'; targets: number[]; active: boolean };

/**
 * Whatever an organisation does, in any order (add, remove, restore, rename through its admin,
 * its HR client over /v1, SCIM and roster sync, invitations and its own SSO), nobody outside its
 * verified domains or accepted invitations is touched: no membership, no session ended, no
 * account changed. And an organisation writes no one's own profile, not even its members'.
 */
describe('property: no sequence of an organisation’s actions reaches anyone outside it', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let idp: TestIdentityProvider;
  let orgP: string;
  let adminToken: string;
  let hrToken: string;
  let domainP: string;
  /** Everyone the actions may aim at: insiders (of P's domain), outsiders, a platform admin. */
  const targets: Array<{ email: string; userId?: string; insider: boolean }> = [];
  let outsiders: SignedIn[] = [];

  const call = (token: string, method: string, url: string, payload?: unknown, scim = false) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...bearer(token), ...(scim ? { 'content-type': SCIM_JSON } : {}) },
      ...(payload === undefined
        ? {}
        : { payload: scim ? JSON.stringify(payload) : (payload as object) }),
    });

  const membershipOf = (email: string) =>
    prisma.employee.findFirst({ where: { orgId: orgP, user: { email } }, select: { id: true } });

  async function perform(action: Action): Promise<number> {
    if (action.kind === 'roster') {
      const employees = action.targets.map((index) => ({
        email: targets[index].email,
        active: action.active,
      }));
      return (await call(hrToken, 'PUT', `/v1/orgs/${orgP}/employees`, { employees })).statusCode;
    }
    const { email } = targets[action.target];
    const member = await membershipOf(email);
    const memberUrl = `/v1/orgs/${orgP}/employees/${member?.id ?? randomUUID()}`;
    switch (action.kind) {
      case 'add':
        return (
          await call(adminToken, 'POST', `/v1/orgs/${orgP}/employees`, {
            email,
            displayName: action.name,
          })
        ).statusCode;
      case 'addByClient':
        return (
          await call(hrToken, 'POST', `/v1/orgs/${orgP}/employees`, {
            email,
            jobTitle: action.name,
          })
        ).statusCode;
      case 'invite':
        return (await call(adminToken, 'POST', `/v1/orgs/${orgP}/invitations`, { email }))
          .statusCode;
      case 'scim':
        return (
          await call(
            hrToken,
            'POST',
            '/scim/v2/Users',
            { schemas: [SCIM_USER], userName: email, displayName: action.name },
            true,
          )
        ).statusCode;
      case 'remove':
        return (await call(hrToken, 'DELETE', memberUrl)).statusCode;
      case 'restore':
        return (
          await call(
            hrToken,
            'PATCH',
            `/scim/v2/Users/${member?.id ?? randomUUID()}`,
            {
              schemas: [PATCH_OP],
              Operations: [{ op: 'replace', value: { active: true } }],
            },
            true,
          )
        ).statusCode;
      case 'rename':
        return (await call(adminToken, 'PATCH', memberUrl, { displayName: action.name }))
          .statusCode;
      case 'scimRename':
        return (
          await call(
            hrToken,
            'PATCH',
            `/scim/v2/Users/${member?.id ?? randomUUID()}`,
            {
              schemas: [PATCH_OP],
              Operations: [{ op: 'replace', path: 'displayName', value: action.name }],
            },
            true,
          )
        ).statusCode;
      case 'sso': {
        const nonce = randomUUID();
        const idToken = await idp.signIdToken({
          iss: idp.issuer,
          aud: CLIENT_ID,
          sub: `p-${email}`,
          email,
          email_verified: true,
          name: action.name,
          nonce,
          jti: randomUUID(),
        });
        return (
          await t.app.inject({
            method: 'POST',
            url: '/v1/auth/sso/exchange',
            payload: { idToken, nonce },
          })
        ).statusCode;
      }
    }
  }

  /** Every account that existed before, whole; and the sessions and memberships of outsiders. */
  async function worldOutsideP() {
    const users = await prisma.user.findMany({ orderBy: { id: 'asc' } });
    const outsiderIds = outsiders.map((person) => person.user.id);
    const sessions = await prisma.refreshToken.findMany({
      where: { userId: { in: outsiderIds } },
      orderBy: { token: 'asc' },
    });
    const memberships = await prisma.employee.findMany({
      where: { userId: { in: outsiderIds } },
      orderBy: { id: 'asc' },
    });
    return { users, sessions, memberships };
  }

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    idp = await startIdentityProvider(CLIENT_ID);
    const admin = await register(t.app, 'p-admin');
    adminToken = admin.accessToken;
    orgP = (await prisma.organization.create({ data: { name: 'P', adminUserId: admin.user.id } }))
      .id;
    const orgQ = (await prisma.organization.create({ data: { name: 'Q' } })).id;
    domainP = await verifiedDomain(prisma, orgP);
    const domainQ = await verifiedDomain(prisma, orgQ);
    hrToken = await hrClientToken(t.app, orgP, adminToken, ['employees:read', 'employees:write']);
    const provider = await call(adminToken, 'POST', `/v1/orgs/${orgP}/identity-providers`, {
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      emailDomains: [domainP],
    });
    expect(provider.statusCode).toBe(201);

    const insiders = [
      await register(t.app, 'in-a', domainP),
      await register(t.app, 'in-b', domainP),
    ];
    const platformOperator = await platformAdmin(t.app, 'root', domainP);
    const memberOfQ = await register(t.app, 'q-member', domainQ);
    await prisma.employee.create({
      data: { orgId: orgQ, userId: memberOfQ.user.id, anonymizedId: newAnonymizedId() },
    });
    outsiders = [platformOperator, memberOfQ, await register(t.app, 'free', 'freemail.test')];
    for (const person of insiders)
      targets.push({ email: person.email, userId: person.user.id, insider: true });
    for (const person of outsiders)
      targets.push({ email: person.email, userId: person.user.id, insider: false });
    targets.push({ email: uniqueEmail('new-in', domainP), insider: true });
    targets.push({ email: uniqueEmail('new-out', 'elsewhere.test'), insider: false });
  });

  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('touches nobody outside the organisation, and no one’s own profile', async () => {
    const target = fc.nat({ max: targets.length - 1 });
    const name = fc.constantFrom('Renamed', 'Ms Example', 'HR name');
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.record({
        kind: fc.constantFrom(
          'add',
          'addByClient',
          'scim',
          'invite',
          'sso',
          'remove',
          'restore',
          'rename',
          'scimRename',
        ),
        target,
        name,
      }) as fc.Arbitrary<Action>,
      fc.record({
        kind: fc.constant('roster' as const),
        targets: fc.uniqueArray(target, { minLength: 1, maxLength: 3 }),
        active: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
        const before = await worldOutsideP();
        for (const step of actions) expect(await perform(step)).toBeLessThan(500);
        const after = await worldOutsideP();
        // Accounts that existed are unchanged, names included; new ones are of P's domain only.
        const existing = new Set(before.users.map((user) => user.id));
        expect(after.users.filter((user) => existing.has(user.id))).toEqual(before.users);
        for (const user of after.users.filter((row) => !existing.has(row.id))) {
          expect(user.email.endsWith(`@${domainP}`)).toBe(true);
        }
        // Outsiders keep every session and have no membership of P (invitations are not joins).
        expect(after.sessions).toEqual(before.sessions);
        expect(after.memberships).toEqual(before.memberships);
        expect(after.memberships.some((row) => row.orgId === orgP)).toBe(false);
        for (const { email, insider } of targets) {
          if (!insider) expect(await membershipOf(email)).toBeNull();
        }
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
    // The sequences did reach P's own people: the property is not vacuous.
    expect(await prisma.employee.count({ where: { orgId: orgP } })).toBeGreaterThan(0);
  });
});
