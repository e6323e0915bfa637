import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CLIENT_SCOPES, type ClientScope, type Role } from '../../src/auth/roles.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { makeManager, uniqueDomain, verifiedDomain } from '../factories/orgs.js';
import { bearer, register, uniqueEmail } from './auth-helpers.js';
import { startIdentityProvider, type TestIdentityProvider } from './oidc-provider.js';
import { fillPath, type Operation } from './openapi-routes.js';
import type { TestApp } from './test-app.js';
import { course, therapist } from '../factories/catalogue.js';

// ---------------------------------------------------------------------------------------------
// Callers and the table's row shape.

/** The callers, in the order of each row's `expect` cells. */
export const CALLERS = [
  'anonymous',
  'owner',
  'otherPerson',
  'managerSameOrg',
  'managerOtherOrg',
  'orgAdmin',
  'platformAdmin',
  'hrClient',
  'hrClientNoScope',
  'hrClientOtherOrg',
] as const;
export type CallerName = (typeof CALLERS)[number];

const PERSON_CALLERS = [
  'owner',
  'otherPerson',
  'managerSameOrg',
  'managerOtherOrg',
  'orgAdmin',
  'platformAdmin',
] as const;
type PersonCaller = (typeof PERSON_CALLERS)[number];
const isPersonCaller = (name: CallerName): name is PersonCaller =>
  (PERSON_CALLERS as readonly string[]).includes(name);

export interface Person {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  role: Role;
}

export interface Caller {
  name: CallerName;
  /** The person whose token is sent; absent for the anonymous caller and HR clients. */
  person?: Person;
}

/** An expected status, or a cell that cannot exist, with the reason. */
export type Cell = number | { skip: string };
export type Cells = [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
export type Setup = Record<string, string>;

export interface MatrixRow {
  /** One cell per caller, in the order of CALLERS. */
  expect: Cells;
  /**
   * Path parameters, and what the body needs, made for each cell: fresh resources where the
   * call uses them up (DELETE, cancel, open...), shared ones where it does not.
   */
  setup?: (fx: MatrixFixtures, caller: Caller) => Setup | Promise<Setup>;
  /** A body the route accepts, so that a status speaks of access rather than validation. */
  body?: (fx: MatrixFixtures, caller: Caller, setup: Setup) => unknown;
  /** Sent as application/x-www-form-urlencoded instead of a JSON body. */
  form?: (fx: MatrixFixtures, caller: Caller, setup: Setup) => Record<string, string>;
  query?: Record<string, string> | ((fx: MatrixFixtures) => Record<string, string>);
  /** The call uses up the account itself: each person cell acts as a new account of that role. */
  standIn?: true;
}

export const skip = (reason: string): Cell => ({ skip: reason });

interface Reply {
  statusCode: number;
  body: string;
}

// ---------------------------------------------------------------------------------------------
// Request bodies shared by fixtures and the table.

export const SURVEY_QUESTIONS = [
  { id: 'rested', text: 'I feel rested at work.', type: 'likert', required: true },
];

export const ASSESSMENT = {
  title: 'Sleep check',
  questions: [
    {
      id: 'hours',
      text: 'Hours slept',
      options: [
        { value: 0, label: '<5' },
        { value: 1, label: '5-7' },
        { value: 2, label: '7+' },
      ],
    },
  ],
  scoring: {
    topic: 'sleep',
    bands: [
      { min: 0, max: 1, label: 'poor', level: 'mild' },
      { min: 2, max: 2, label: 'good', level: 'none' },
    ],
  },
};

export const COURSE_MODULE_ID = 'intro';
export const newCourse = () => ({
  title: `Sleep basics ${randomBytes(3).toString('hex')}`,
  description: 'Small habits for better nights',
  difficulty: 'beginner',
  topic: 'sleep',
  modules: [
    {
      id: COURSE_MODULE_ID,
      title: 'Why sleep matters',
      kind: 'video',
      durationMinutes: 5,
      contentUrl: 'https://cdn.example/sleep/intro.mp4',
    },
  ],
});

export const newTherapist = () => ({
  name: 'Dr. Ada Matrix',
  specialization: 'anxiety',
  licenseNumber: `PP-MX-${randomBytes(4).toString('hex')}`,
  availability: {
    timezone: 'Europe/Berlin',
    weekly: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({
      day,
      start: '09:00',
      end: '17:00',
    })),
  },
});

/** Port 9 (discard) on loopback: nothing listens, so deliveries fail at once, never leaving. */
export const WEBHOOK = { url: 'http://127.0.0.1:9/matrix-webhook', events: ['survey.closed'] };
export const BUDDY_PROFILE = { interests: ['running', 'cooking'], preferredHours: [9, 12, 18] };
export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SSO_CLIENT_ID = 'mindfulme-matrix';
const SSO_DOMAIN = 'matrix-sso.test';
/** Each organisation's people are of a domain it verified (tenancy.e2e-spec.ts tests the rule). */
export const ORG1_DOMAIN = 'org-one.matrix.test';
export const ORG2_DOMAIN = 'org-two.matrix.test';
/** The nonce every SSO exchange of the matrix sends, and its tokens carry. */
export const SSO_NONCE = 'matrix-sso-nonce-0001';
const DAY_MS = 24 * 3600 * 1000;

// ---------------------------------------------------------------------------------------------

type HelperName = 'bystander' | 'signIn' | 'buddyRequester' | 'buddyTarget' | 'blockTarget';

/**
 * Everyone the matrix calls as, and the resources its paths name, built once on one app:
 * people cost an argon2 hash each, so only stand-ins are made per cell.
 */
export class MatrixFixtures {
  readonly prisma: PrismaService;
  people = {} as Record<PersonCaller | HelperName, Person>;
  org1 = '';
  org2 = '';
  /** org 1's HR client (all scopes) and org 2's; tokens are asked for with the scopes needed. */
  clients = {} as Record<'org1' | 'org2', { clientId: string; clientSecret: string }>;
  /** Resources of the owner (A) and of org 1 that calls read or change without using them up. */
  shared = {} as Record<
    | 'moodEntry'
    | 'journal'
    | 'assessment'
    | 'assessmentResponse'
    | 'course'
    | 'enrolledCourse'
    | 'rant'
    | 'rantToKeep'
    | 'decoyDeleteToken'
    | 'therapist'
    | 'appointment'
    | 'appointmentToMove'
    | 'draftSurvey'
    | 'openSurvey'
    | 'rosterEmployee'
    | 'rosterEmail'
    | 'webhook',
    string
  >;
  private idp!: TestIdentityProvider;
  private readonly clientTokens = new Map<string, string>();
  private readonly cellWebhooks: string[] = [];
  private freeSlots: string[] = [];
  private daysBack = 0;

  private constructor(readonly app: NestFastifyApplication) {
    this.prisma = app.get(PrismaService);
  }

  static async build(t: TestApp): Promise<MatrixFixtures> {
    const fx = new MatrixFixtures(t.app);
    await fx.buildPeopleAndOrgs();
    await fx.buildResources();
    return fx;
  }

  async close(): Promise<void> {
    await this.idp?.close();
  }

  // --- HTTP ----------------------------------------------------------------------------------

  inject(options: Parameters<NestFastifyApplication['inject']>[0]): Promise<Reply> {
    return this.app.inject(options) as Promise<Reply>;
  }

  /** A call the fixtures depend on: any other status than `status` stops the run, with why. */
  async must<T = { id: string }>(
    status: number,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: { as?: Person; payload?: object } = {},
  ): Promise<T> {
    const response = await this.inject({
      method,
      url,
      headers: options.as ? bearer(options.as.accessToken) : {},
      ...(options.payload ? { payload: options.payload } : {}),
    });
    if (response.statusCode !== status) {
      throw new Error(`fixture ${method} ${url}: ${response.statusCode} ${response.body}`);
    }
    return (response.body ? JSON.parse(response.body) : undefined) as T;
  }

  /** Sends one cell's request. */
  async send(operation: Operation, row: MatrixRow, name: CallerName): Promise<Reply> {
    let person: Person | undefined;
    if (isPersonCaller(name)) {
      person = row.standIn
        ? await this.person('stand-in', this.people[name].role)
        : this.people[name];
    }
    const caller: Caller = { name, person };
    const scopes = operation.security.clientScopes as ClientScope[];
    const token = person?.accessToken ?? (await this.clientTokenFor(name, scopes));
    const setup = (await row.setup?.(this, caller)) ?? {};
    const query = typeof row.query === 'function' ? row.query(this) : row.query;
    const url = fillPath(operation.path, setup) + (query ? `?${new URLSearchParams(query)}` : '');
    const headers: Record<string, string> = token ? bearer(token) : {};
    let payload: string | undefined;
    if (row.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(row.form(this, caller, setup)).toString();
    } else if (row.body) {
      headers['content-type'] = operation.path.startsWith('/scim/')
        ? 'application/scim+json'
        : 'application/json';
      payload = JSON.stringify(row.body(this, caller, setup));
    }
    return this.inject({
      method: operation.method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  // --- People, organisations, HR clients -----------------------------------------------------

  private async person(label: string, role: Role = 'individual', domain?: string): Promise<Person> {
    const signedIn = await register(this.app, label, domain);
    const person: Person = {
      userId: signedIn.user.id,
      email: signedIn.email,
      password: signedIn.password,
      accessToken: signedIn.accessToken,
      role,
    };
    if (role === 'individual') return person;
    // Tokens carry the role: set it, then sign in again for a token that says so.
    await this.prisma.user.update({ where: { id: person.userId }, data: { role } });
    return { ...person, accessToken: (await this.login(person)).accessToken };
  }

  login(person: Person): Promise<{ accessToken: string; refreshToken: string }> {
    return this.must(200, 'POST', '/v1/auth/login', {
      payload: { email: person.email, password: person.password },
    });
  }

  private async buildPeopleAndOrgs(): Promise<void> {
    const roles: Record<PersonCaller | HelperName, Role> = {
      owner: 'individual',
      otherPerson: 'individual',
      // Managers lead through their membership (set below), not through a global role.
      managerSameOrg: 'individual',
      managerOtherOrg: 'individual',
      orgAdmin: 'individual',
      platformAdmin: 'admin',
      bystander: 'individual',
      signIn: 'individual',
      buddyRequester: 'individual',
      buddyTarget: 'individual',
      blockTarget: 'individual',
    };
    const domains: Partial<Record<PersonCaller | HelperName, string>> = {
      owner: ORG1_DOMAIN,
      managerSameOrg: ORG1_DOMAIN,
      otherPerson: ORG2_DOMAIN,
      managerOtherOrg: ORG2_DOMAIN,
    };
    const names = Object.keys(roles) as Array<PersonCaller | HelperName>;
    const people = await Promise.all(
      names.map((name) => this.person(name, roles[name], domains[name])),
    );
    names.forEach((name, index) => (this.people[name] = people[index]));

    const { platformAdmin: admin, orgAdmin } = this.people;
    const createOrg = async (name: string, adminUserId?: string) =>
      (await this.must(201, 'POST', '/v1/orgs', { as: admin, payload: { name, adminUserId } })).id;
    this.org1 = await createOrg('Org one', orgAdmin.userId);
    this.org2 = await createOrg('Org two');
    await verifiedDomain(this.prisma, this.org1, ORG1_DOMAIN);
    await verifiedDomain(this.prisma, this.org1, SSO_DOMAIN);
    await verifiedDomain(this.prisma, this.org2, ORG2_DOMAIN);
    await this.employee(this.org1, this.people.owner.email);
    await this.employee(this.org1, this.people.managerSameOrg.email);
    await this.employee(this.org2, this.people.otherPerson.email);
    await this.employee(this.org2, this.people.managerOtherOrg.email);
    await makeManager(this.prisma, this.org1, this.people.managerSameOrg.userId);
    await makeManager(this.prisma, this.org2, this.people.managerOtherOrg.userId);

    const apiClient = (orgId: string, as: Person) =>
      this.must<{ clientId: string; clientSecret: string }>(
        201,
        'POST',
        `/v1/orgs/${orgId}/api-clients`,
        { as, payload: { name: 'HR system', scopes: CLIENT_SCOPES } },
      );
    this.clients.org1 = await apiClient(this.org1, orgAdmin);
    this.clients.org2 = await apiClient(this.org2, admin);
  }

  /** Adds the email to the organisation (an account is made if none has it): the employee id. */
  async employee(
    orgId: string,
    email = uniqueEmail('employee', orgId === this.org1 ? ORG1_DOMAIN : ORG2_DOMAIN),
  ): Promise<string> {
    const url = `/v1/orgs/${orgId}/employees`;
    return (
      await this.must(201, 'POST', url, { as: this.people.platformAdmin, payload: { email } })
    ).id;
  }

  /** `routeScopes`: those the route admits clients with; none on routes for people only. */
  private clientTokenFor(name: CallerName, routeScopes: ClientScope[]) {
    switch (name) {
      case 'hrClient':
        return this.clientToken('org1', routeScopes.length > 0 ? routeScopes : CLIENT_SCOPES);
      case 'hrClientNoScope': {
        const unlisted = CLIENT_SCOPES.find((scope) => !routeScopes.includes(scope));
        if (!unlisted) throw new Error('The route admits every scope: this cell must be a skip.');
        return this.clientToken('org1', [unlisted]);
      }
      case 'hrClientOtherOrg':
        return this.clientToken('org2', CLIENT_SCOPES);
      default:
        return Promise.resolve(undefined);
    }
  }

  /** A token of the organisation's HR client holding exactly `scopes`. */
  private async clientToken(org: 'org1' | 'org2', scopes: readonly ClientScope[]) {
    const key = `${org} ${[...scopes].sort().join(' ')}`;
    const cached = this.clientTokens.get(key);
    if (cached) return cached;
    const response = await this.inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        ...this.clientCredentials(org),
        scope: scopes.join(' '),
      }).toString(),
    });
    if (response.statusCode !== 200) throw new Error(`client token: ${response.body}`);
    const token = (JSON.parse(response.body) as { access_token: string }).access_token;
    this.clientTokens.set(key, token);
    return token;
  }

  /** The form fields of a client-credentials grant for the organisation's HR client. */
  clientCredentials(org: 'org1' | 'org2') {
    const { clientId, clientSecret } = this.clients[org];
    return { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
  }

  // --- Shared resources ----------------------------------------------------------------------

  private async buildResources(): Promise<void> {
    const { owner, orgAdmin, platformAdmin: admin } = this.people;
    const as = (person: Person, payload?: object) => ({ as: person, payload });
    const shared = this.shared;

    shared.moodEntry = await this.moodEntryOfOwner();
    shared.journal = await this.journalOfOwner();
    shared.assessment = (await this.must(201, 'POST', '/v1/assessments', as(owner, ASSESSMENT))).id;
    shared.assessmentResponse = (
      await this.must(201, 'POST', `/v1/assessments/${shared.assessment}/responses`, {
        as: owner,
        payload: { answers: { hours: 2 } },
      })
    ).id;

    shared.course = await this.course();
    shared.enrolledCourse = await this.course();
    await this.must(200, 'PUT', `/v1/courses/${shared.enrolledCourse}/enrollment`, as(owner));

    shared.rant = (await this.rantOf(owner)).id;
    shared.rantToKeep = (await this.rantOf(owner)).id;
    shared.decoyDeleteToken = (await this.rantOf(this.people.otherPerson)).deleteToken;

    shared.therapist = await therapist(this.app, admin.accessToken, newTherapist());
    const from = new Date(Date.now() + 2 * DAY_MS).toISOString();
    const to = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const { slots } = await this.must<{ slots: Array<{ startTime: string }> }>(
      200,
      'GET',
      `/v1/therapists/${shared.therapist}/slots?${new URLSearchParams({ from, to })}`,
      as(owner),
    );
    this.freeSlots = slots.map((slot) => slot.startTime);
    shared.appointment = await this.appointmentOfOwner();
    shared.appointmentToMove = await this.appointmentOfOwner();

    shared.draftSurvey = await this.survey();
    shared.openSurvey = await this.survey('open');

    shared.rosterEmail = uniqueEmail('roster', ORG1_DOMAIN);
    shared.rosterEmployee = await this.employee(this.org1, shared.rosterEmail);

    this.idp = await startIdentityProvider(SSO_CLIENT_ID);
    await this.must(201, 'POST', `/v1/orgs/${this.org1}/identity-providers`, {
      as: orgAdmin,
      payload: { issuer: this.idp.issuer, clientId: SSO_CLIENT_ID, emailDomains: [SSO_DOMAIN] },
    });
    await this.buddyProfile(this.people.buddyTarget);
    shared.webhook = (
      await this.must(201, 'POST', `/v1/orgs/${this.org1}/webhooks`, as(orgAdmin, WEBHOOK))
    ).id;
  }

  // --- Fresh resources, for calls that use them up ------------------------------------------

  async moodEntryOfOwner(): Promise<string> {
    const payload = { moodScore: 6, notes: 'A calm day.' };
    return (await this.must(201, 'POST', '/v1/mood', { as: this.people.owner, payload })).id;
  }

  async journalOfOwner(): Promise<string> {
    const payload = { content: 'Wrote this down to let it go.', tags: ['work'] };
    return (await this.must(201, 'POST', '/v1/journals', { as: this.people.owner, payload })).id;
  }

  course(): Promise<string> {
    return course(this.app, this.people.platformAdmin.accessToken, newCourse());
  }

  /** A post and its delete token; at most 10 posts an hour per author. */
  rantOf(author: Person): Promise<{ id: string; deleteToken: string }> {
    const payload = { content: 'Too many meetings again this week.' };
    return this.must(201, 'POST', '/v1/rants', { as: author, payload });
  }

  /** The start of a free slot of the shared therapist, never handed out twice. */
  nextSlot(): string {
    const slot = this.freeSlots.shift();
    if (!slot) throw new Error('The therapist has no free slot left for the matrix.');
    return slot;
  }

  async appointmentOfOwner(): Promise<string> {
    const payload = { therapistId: this.shared.therapist, startTime: this.nextSlot() };
    return (await this.must(201, 'POST', '/v1/appointments', { as: this.people.owner, payload }))
      .id;
  }

  /** A confirmed appointment of A that started a day or more ago (only then can it be closed). */
  async startedAppointmentOfOwner(): Promise<string> {
    this.daysBack += 1;
    const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - this.daysBack * DAY_MS);
    const row = await this.prisma.appointment.create({
      data: {
        therapistId: this.shared.therapist,
        userId: this.people.owner.userId,
        startTime: start,
        endTime: new Date(start.getTime() + 50 * 60_000),
        status: 'confirmed',
      },
    });
    return row.id;
  }

  /** A survey of org 1 drafted by its admin, opened when asked. */
  async survey(status: 'draft' | 'open' = 'draft'): Promise<string> {
    const { orgAdmin } = this.people;
    const payload = { title: 'Pulse', questions: SURVEY_QUESTIONS };
    const { id } = await this.must(201, 'POST', `/v1/orgs/${this.org1}/surveys`, {
      as: orgAdmin,
      payload,
    });
    if (status === 'open') await this.must(200, 'POST', `/v1/surveys/${id}/open`, { as: orgAdmin });
    return id;
  }

  async apiClientOfOrg1(): Promise<string> {
    const payload = { name: 'Short-lived sync', scopes: ['employees:read'] };
    const url = `/v1/orgs/${this.org1}/api-clients`;
    return (await this.must(201, 'POST', url, { as: this.people.platformAdmin, payload })).id;
  }

  async identityProviderOfOrg1(): Promise<string> {
    const payload = {
      issuer: `https://idp-${randomBytes(4).toString('hex')}.example`,
      clientId: 'mindfulme',
      emailDomains: [ORG1_DOMAIN],
    };
    const url = `/v1/orgs/${this.org1}/identity-providers`;
    return (await this.must(201, 'POST', url, { as: this.people.platformAdmin, payload })).id;
  }

  /**
   * A webhook of org 1, after deleting those made for earlier cells that are still there: an
   * organisation holds at most 10.
   */
  async webhookOfOrg1(): Promise<string> {
    const headers = bearer(this.people.platformAdmin.accessToken);
    for (const id of this.cellWebhooks.splice(0)) {
      await this.inject({ method: 'DELETE', url: `/v1/orgs/${this.org1}/webhooks/${id}`, headers });
    }
    const url = `/v1/orgs/${this.org1}/webhooks`;
    const { id } = await this.must(201, 'POST', url, {
      as: this.people.platformAdmin,
      payload: WEBHOOK,
    });
    this.cellWebhooks.push(id);
    return id;
  }

  /** A new session of A: its id, from the session claim of its access token. */
  async sessionOfOwner(): Promise<string> {
    const { accessToken } = await this.login(this.people.owner);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    return (claims as { sid: string }).sid;
  }

  async refreshToken(): Promise<string> {
    return (await this.login(this.people.signIn)).refreshToken;
  }

  /** An ID token from org 1's identity provider, for someone of its email domain. */
  idToken(): Promise<string> {
    return this.idp.signIdToken({
      iss: this.idp.issuer,
      aud: SSO_CLIENT_ID,
      sub: 'matrix-sso-person',
      email: `sso-person@${SSO_DOMAIN}`,
      email_verified: true,
      nonce: SSO_NONCE,
      // Each exchange spends its token: every call gets a token of its own.
      jti: randomUUID(),
    });
  }

  /** A domain org 1 has claimed but not verified, for calls that drop a claim. */
  async pendingDomainOfOrg1(): Promise<string> {
    const domain = uniqueDomain('pending');
    await this.prisma.orgDomain.create({
      data: { orgId: this.org1, domain, verificationToken: 'matrix' },
    });
    return domain;
  }

  /** An open invitation from org 1 to someone outside its domains. */
  async invitationOfOrg1(): Promise<string> {
    const invitation = await this.prisma.orgInvitation.create({
      data: {
        orgId: this.org1,
        email: uniqueEmail('guest', 'elsewhere.test'),
        expiresAt: new Date(Date.now() + DAY_MS),
      },
    });
    return invitation.id;
  }

  /** An open invitation to A from an organisation of its own, made for this call. */
  async invitationToOwner(): Promise<string> {
    const org = await this.prisma.organization.create({ data: { name: 'Inviting org' } });
    const invitation = await this.prisma.orgInvitation.create({
      data: {
        orgId: org.id,
        email: this.people.owner.email,
        expiresAt: new Date(Date.now() + DAY_MS),
      },
    });
    return invitation.id;
  }

  /** Opts the person in to buddy matching (again is fine: the profile is replaced). */
  async buddyProfile(person: Person): Promise<void> {
    await this.must(200, 'PUT', '/v1/buddies/profile', { as: person, payload: BUDDY_PROFILE });
  }

  /** A new pending request from the helper requester to A, after ending any live one. */
  async buddyRequestToOwner(): Promise<string> {
    const { owner, buddyRequester: requester } = this.people;
    await this.buddyProfile(owner);
    await this.buddyProfile(requester);
    const live = await this.must<{ items: Array<{ id: string; userId: string }> }>(
      200,
      'GET',
      '/v1/buddies/matches?limit=100',
      { as: requester },
    );
    for (const match of live.items.filter((item) => item.userId === owner.userId)) {
      await this.must(200, 'POST', `/v1/buddies/matches/${match.id}/end`, { as: requester });
    }
    const payload = { userId: owner.userId };
    return (await this.must(201, 'POST', '/v1/buddies/requests', { as: requester, payload })).id;
  }
}

/** The status and the problem's words, for a cell that answered something else. */
export function describeReply(reply: Reply): string {
  try {
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    const words = body.detail ?? body.error_description ?? body.title ?? body.message;
    return `${reply.statusCode} ${String(words ?? '')}`.trim();
  } catch {
    return `${reply.statusCode} ${reply.body.slice(0, 120)}`;
  }
}
