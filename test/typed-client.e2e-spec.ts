import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createMindfulMeClient } from '../clients/typescript/src/index.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { PROJECT_ROOT } from '../src/project-root.js';
import { hrClientToken } from './factories/clients.js';
import { verifiedDomain } from './factories/orgs.js';
import { register } from './support/auth-helpers.js';
import { operations } from './support/openapi-routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const CLIENT = resolve(PROJECT_ROOT, 'clients/typescript');
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const HR_SCOPES = [
  'employees:read',
  'employees:write',
  'org.wellness:read',
  'surveys:read',
  'surveys:write',
];

/**
 * The typed client an HR system would use (clients/typescript, generated from the committed
 * document): it is current, it compiles with its examples, and it walks every route an HR
 * client token may call. This file is type-checked by `npm run lint`: each answer's fields are
 * read as typed, so a route answering `unknown` or `never` would not compile.
 */
describe('the generated TypeScript client', () => {
  it('is what the committed document generates, and compiles with its examples', async () => {
    await expect(run('node', [resolve(CLIENT, 'generate.mjs'), '--check'])).resolves.toBeDefined();
    const tsc = resolve(PROJECT_ROOT, 'node_modules/typescript/bin/tsc');
    await expect(run('node', [tsc, '-p', resolve(CLIENT, 'tsconfig.json')])).resolves.toBeDefined();
  }, 120_000);

  describe('walks every HR route', () => {
    let t: TestApp;
    let orgId: string;
    let domain: string;
    let hr: ReturnType<typeof createMindfulMeClient>;
    const walked = new Set<string>();
    /** The answer was a success; a failure shows the route and the problem it answered. */
    const ok = (method: string, path: string, result: { response: Response; error?: unknown }) => {
      const route = `${method} ${path}`;
      expect({ route, status: result.response.status, error: result.error }).toEqual({
        route,
        status: expect.any(Number),
        error: undefined,
      });
      expect(result.response.ok).toBe(true);
      walked.add(route);
    };

    beforeAll(async () => {
      t = await startTestApp();
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const admin = await register(t.app, 'client-admin');
      const prisma = t.app.get(PrismaService);
      orgId = (
        await prisma.organization.create({ data: { name: 'Typed', adminUserId: admin.user.id } })
      ).id;
      domain = await verifiedDomain(prisma, orgId);
      const token = await hrClientToken(t.app, orgId, admin.accessToken, HR_SCOPES);
      hr = createMindfulMeClient({ baseUrl: await t.app.getUrl(), accessToken: token });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('reads the organisation and syncs, lists, adds, reads, changes and ends members', async () => {
      const org = await hr.GET('/v1/orgs/{orgId}', { params: { path: { orgId } } });
      ok('GET', '/v1/orgs/{orgId}', org);
      expect(org.data?.id).toBe(orgId);

      const path = { orgId };
      const synced = await hr.PUT('/v1/orgs/{orgId}/employees', {
        params: { path },
        body: {
          employees: [
            { externalId: 'T-1', email: `one@${domain}`, department: 'Ops' },
            { externalId: 'T-2', email: `two@${domain}` },
          ],
        },
      });
      ok('PUT', '/v1/orgs/{orgId}/employees', synced);
      expect(synced.data?.summary.created).toBe(2);

      const page = await hr.GET('/v1/orgs/{orgId}/employees', {
        params: { path, query: { limit: 10 } },
      });
      ok('GET', '/v1/orgs/{orgId}/employees', page);
      expect(page.data?.items.map((employee) => employee.email).sort()).toEqual([
        `one@${domain}`,
        `two@${domain}`,
      ]);

      const added = await hr.POST('/v1/orgs/{orgId}/employees', {
        params: { path },
        body: { email: `three@${domain}`, externalId: 'T-3' },
      });
      ok('POST', '/v1/orgs/{orgId}/employees', added);
      const employeeId = added.data!.id;
      const member = { orgId, employeeId };

      const one = await hr.GET('/v1/orgs/{orgId}/employees/{employeeId}', {
        params: { path: member },
      });
      ok('GET', '/v1/orgs/{orgId}/employees/{employeeId}', one);
      expect(one.data?.externalId).toBe('T-3');

      const changed = await hr.PATCH('/v1/orgs/{orgId}/employees/{employeeId}', {
        params: { path: member },
        body: { jobTitle: 'Analyst' },
      });
      ok('PATCH', '/v1/orgs/{orgId}/employees/{employeeId}', changed);
      expect(changed.data?.jobTitle).toBe('Analyst');

      const ended = await hr.DELETE('/v1/orgs/{orgId}/employees/{employeeId}', {
        params: { path: member },
      });
      ok('DELETE', '/v1/orgs/{orgId}/employees/{employeeId}', ended);
    });

    it('invites, lists and withdraws invitations', async () => {
      const path = { orgId };
      const invited = await hr.POST('/v1/orgs/{orgId}/invitations', {
        params: { path },
        body: { email: 'guest@elsewhere.example' },
      });
      ok('POST', '/v1/orgs/{orgId}/invitations', invited);
      const listed = await hr.GET('/v1/orgs/{orgId}/invitations', { params: { path } });
      ok('GET', '/v1/orgs/{orgId}/invitations', listed);
      expect(listed.data?.items.map((invitation) => invitation.email)).toContain(
        'guest@elsewhere.example',
      );
      const withdrawn = await hr.DELETE('/v1/orgs/{orgId}/invitations/{invitationId}', {
        params: { path: { orgId, invitationId: invited.data!.id } },
      });
      ok('DELETE', '/v1/orgs/{orgId}/invitations/{invitationId}', withdrawn);
    });

    it('reads the dashboard and the published snapshots', async () => {
      const dashboard = await hr.GET('/v1/orgs/{orgId}/dashboard', {
        params: { path: { orgId } },
      });
      ok('GET', '/v1/orgs/{orgId}/dashboard', dashboard);
      expect(dashboard.data?.orgId).toBe(orgId);
      const snapshots = await hr.GET('/v1/orgs/{orgId}/wellness/snapshots', {
        params: { path: { orgId } },
      });
      ok('GET', '/v1/orgs/{orgId}/wellness/snapshots', snapshots);
      expect(Array.isArray(snapshots.data?.items)).toBe(true);
    });

    it('creates, edits, opens, closes and reads a survey', async () => {
      const created = await hr.POST('/v1/orgs/{orgId}/surveys', {
        params: { path: { orgId } },
        body: {
          title: 'Pulse',
          questions: [
            { id: 'workload', text: 'My workload is manageable.', type: 'likert', required: true },
          ],
        },
      });
      ok('POST', '/v1/orgs/{orgId}/surveys', created);
      const id = created.data!.id;
      const listed = await hr.GET('/v1/orgs/{orgId}/surveys', { params: { path: { orgId } } });
      ok('GET', '/v1/orgs/{orgId}/surveys', listed);
      expect(listed.data?.items.map((survey) => survey.id)).toContain(id);
      const read = await hr.GET('/v1/surveys/{id}', { params: { path: { id } } });
      ok('GET', '/v1/surveys/{id}', read);
      const edited = await hr.PATCH('/v1/surveys/{id}', {
        params: { path: { id } },
        body: { title: 'Pulse, March' },
      });
      ok('PATCH', '/v1/surveys/{id}', edited);
      expect(edited.data?.title).toBe('Pulse, March');
      ok(
        'POST',
        '/v1/surveys/{id}/open',
        await hr.POST('/v1/surveys/{id}/open', { params: { path: { id } } }),
      );
      const closed = await hr.POST('/v1/surveys/{id}/close', { params: { path: { id } } });
      ok('POST', '/v1/surveys/{id}/close', closed);
      expect(closed.data?.status).toBe('closed');
      const results = await hr.GET('/v1/surveys/{id}/results', { params: { path: { id } } });
      ok('GET', '/v1/surveys/{id}/results', results);
      // Nobody answered: the figures and the participation of so few are suppressed, as typed.
      expect(results.data?.responseCount).toBe(0);
      expect(results.data?.participation.suppressed).toMatch(/Fewer than 5/);
    });

    it('provisions, finds, replaces, patches and deprovisions a User over SCIM', async () => {
      const created = await hr.POST('/scim/v2/Users', {
        body: { schemas: [SCIM_USER], userName: `scim@${domain}`, externalId: 'S-1', active: true },
      });
      ok('POST', '/scim/v2/Users', created);
      const id = created.data!.id;
      const found = await hr.GET('/scim/v2/Users', {
        params: { query: { filter: `userName eq "scim@${domain}"` } },
      });
      ok('GET', '/scim/v2/Users', found);
      expect(found.data?.Resources.map((user) => user.id)).toEqual([id]);
      const read = await hr.GET('/scim/v2/Users/{id}', { params: { path: { id } } });
      ok('GET', '/scim/v2/Users/{id}', read);
      expect(read.data?.active).toBe(true);
      const replaced = await hr.PUT('/scim/v2/Users/{id}', {
        params: { path: { id } },
        body: {
          schemas: [SCIM_USER],
          userName: `scim@${domain}`,
          externalId: 'S-1',
          title: 'Lead',
        },
      });
      ok('PUT', '/scim/v2/Users/{id}', replaced);
      expect(replaced.data?.title).toBe('Lead');
      const patched = await hr.PATCH('/scim/v2/Users/{id}', {
        params: { path: { id } },
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        },
      });
      ok('PATCH', '/scim/v2/Users/{id}', patched);
      expect(patched.data?.active).toBe(false);
      const removed = await hr.DELETE('/scim/v2/Users/{id}', { params: { path: { id } } });
      ok('DELETE', '/scim/v2/Users/{id}', removed);
    });

    it('subscribes, lists, reads deliveries of and deletes a webhook', async () => {
      const path = { orgId };
      const created = await hr.POST('/v1/orgs/{orgId}/webhooks', {
        params: { path },
        body: { url: 'https://hooks.example.com/mindfulme', events: ['survey.closed'] },
      });
      ok('POST', '/v1/orgs/{orgId}/webhooks', created);
      expect(created.data?.secret).toMatch(/^whsec_/);
      const id = created.data!.id;
      const listed = await hr.GET('/v1/orgs/{orgId}/webhooks', { params: { path } });
      ok('GET', '/v1/orgs/{orgId}/webhooks', listed);
      expect(listed.data?.items.map((webhook) => webhook.id)).toContain(id);
      expect(listed.data?.nextCursor).toBeNull();
      const deliveries = await hr.GET('/v1/orgs/{orgId}/webhooks/{id}/deliveries', {
        params: { path: { orgId, id } },
      });
      ok('GET', '/v1/orgs/{orgId}/webhooks/{id}/deliveries', deliveries);
      const removed = await hr.DELETE('/v1/orgs/{orgId}/webhooks/{id}', {
        params: { path: { orgId, id } },
      });
      ok('DELETE', '/v1/orgs/{orgId}/webhooks/{id}', removed);
    });

    it('has walked every operation an HR client token may call', () => {
      const hrRoutes = operations()
        .filter((operation) => operation.security.clientScopes.length > 0)
        .map((operation) => `${operation.method} ${operation.path}`);
      expect([...walked].sort()).toEqual(hrRoutes.sort());
    });
  });
});
