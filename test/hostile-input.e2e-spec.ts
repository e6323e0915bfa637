import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { PrismaService } from '../src/database/prisma.service.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import {
  exampleOf,
  fillPath,
  type JsonSchema,
  type Operation,
  operation,
  operations,
} from './support/openapi-routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

/**
 * Every operation of the OpenAPI document that takes a body or a query, fed hostile input by
 * a platform admin (so authorization never hides validation). Whatever comes in, the answer is
 * a 4xx document in the route's error format, or a 2xx when the input happens to be valid;
 * never a 5xx; and a refused request changes nothing in the database.
 */

const SEED = 20261126;
const RUNS_PER_OPERATION = 15;
const PER_OPERATION_TIMEOUT_MS = 30_000;

type Injected = Awaited<ReturnType<TestApp['app']['inject']>>;
type InjectOptions = Parameters<TestApp['app']['inject']>[0] & object;

/** One request of a test, described well enough to replay it from a failure message. */
interface HostileRequest {
  label: string;
  url: string;
  /** Raw body text or bytes; absent: no body at all. */
  payload?: string | Buffer;
  contentType?: string;
  /** The input is invalid whatever the route's state: a 2xx would be a bug too. */
  mustRefuse: boolean;
}

/** Fields a client must never set on its own rows: who owns it, their role, counters, scores. */
const MASS_ASSIGNMENT_MARKERS = {
  supportCount: 987_654,
  wellnessScore: 87.654321,
};

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b'];
const TRICKY_STRINGS = [
  '\u0000',
  'a\u0000b',
  ...LONE_SURROGATES,
  '\u202eevil\u202c',
  '\u200f\u200e\u061c',
  '\ufeffbom',
  '😀',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\u2028\u2029',
  '\u0007\u001b[31m',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%ff',
  '${7*7}{{7*7}}',
  ' ',
  '',
];
const HUGE_STRING = 'x'.repeat(100_000);
const HUGE_WIDE_STRING = '😀'.repeat(50_000);

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(HUGE_STRING, HUGE_WIDE_STRING) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
);

/** `depth` levels of arrays or objects: JSON that recursive code chokes on. */
function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A JSON object's text with `key` set to raw JSON text, the other fields kept. */
function withRawField(base: unknown, key: string, rawValue: string): string {
  const rest =
    base && typeof base === 'object' && !Array.isArray(base)
      ? Object.entries(base).filter(([name]) => name !== key)
      : [];
  const fields = [
    ...rest.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`),
    `${JSON.stringify(key)}:${rawValue}`,
  ];
  return `{${fields.join(',')}}`;
}

/** Values of other JSON types than `schema` allows (null only where the field is required). */
function wrongTypesFor(schema: JsonSchema, required: boolean): unknown[] {
  const byType: Record<string, unknown[]> = {
    string: [42, true, ['a'], { a: 'a' }],
    number: ['7', 'seven', true, [7], { value: 7 }],
    integer: ['7', 1.5, true, [7], { value: 7 }],
    boolean: ['true', 1, 0, [true], { value: true }],
    array: ['a', 1, { 0: 'a' }, true],
    object: ['a', 1, ['a'], true],
  };
  const values = byType[schema.type ?? (schema.properties ? 'object' : '')] ?? [];
  return required && !schema.nullable ? [...values, null] : values;
}

/** A schema whose object refuses unknown fields (a class-validator DTO). */
function isStrictObject(schema: JsonSchema): boolean {
  return schema.additionalProperties === undefined && schema.properties !== undefined;
}

/**
 * Columns that background work changes on its own, after the request that caused it has been
 * answered: the outbox relay marks the rows it has handed to the queue, or set aside.
 */
const BACKGROUND_COLUMNS: Record<string, string[]> = {
  outbox_events: ['relayed_at', 'set_aside_at', 'set_aside_reason'],
};

/** SQL answering, per table, its row count and a hash of its rows' other columns. */
async function digestQuery(database: pg.Client): Promise<string> {
  const { rows } = await database.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const columnsByTable = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of rows) {
    if (BACKGROUND_COLUMNS[table]?.includes(column)) continue;
    columnsByTable.set(table, [...(columnsByTable.get(table) ?? []), `"${column}"`]);
  }
  return [...columnsByTable]
    .map(
      ([table, columns]) =>
        `SELECT '${table}' AS name, count(*) || ':' ||
                md5(coalesce(string_agg(row_text, '|' ORDER BY row_text), '')) AS digest
           FROM (SELECT ROW(${columns.join(', ')})::text AS row_text FROM "${table}") AS rows_of_table`,
    )
    .join(' UNION ALL ');
}

describe('hostile input on every operation that takes a body or a query', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let database: pg.Client;
  let admin: SignedIn;
  let bystander: SignedIn;
  let clientToken: string;
  /** Real ids for path parameters, so valid-looking input reaches the handlers. */
  let pathValues: (op: Operation) => Record<string, string>;
  let tableDigestSql: string;
  let markerSql: string;

  const inject = (options: InjectOptions) => t.app.inject(options);

  /** Every table's row count and a hash of its rows: any insert, update or delete shows. */
  async function databaseDigest(): Promise<Record<string, string>> {
    const { rows } = await database.query<{ name: string; digest: string }>(tableDigestSql);
    return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
  }

  /** How many admins exist and how many rows name the bystander; the markers never stored. */
  async function markerCounts(): Promise<Record<string, number>> {
    const { rows } = await database.query<Record<string, number>>(markerSql, [
      bystander.user.id,
      MASS_ASSIGNMENT_MARKERS.supportCount,
      MASS_ASSIGNMENT_MARKERS.wellnessScore,
    ]);
    return rows[0];
  }

  function authFor(op: Operation): Record<string, string> {
    if (op.security.public) return {};
    if (op.security.bearer) return bearer(admin.accessToken);
    return bearer(clientToken);
  }

  /** The route's own error format: SCIM errors on SCIM, RFC 6749 on the token endpoint. */
  function expectErrorFormat(op: Operation, response: Injected, label: string) {
    const type = String(response.headers['content-type']);
    const accepted =
      /^application\/problem\+json/.test(type) ||
      (op.path.startsWith('/scim/') && /^application\/scim\+json/.test(type)) ||
      (op.path === '/v1/oauth/token' &&
        /^application\/json/.test(type) &&
        'error' in response.json());
    if (!accepted) {
      throw new Error(`${label}: ${response.statusCode} answered as ${type}: ${response.body}`);
    }
  }

  let digest: Record<string, string>;

  /** Sends one request and checks the promise: 4xx (nothing changed) or 2xx, never 5xx. */
  async function send(op: Operation, request: HostileRequest): Promise<Injected> {
    const response = await inject({
      method: op.method,
      url: request.url,
      headers: {
        ...authFor(op),
        ...(request.contentType ? { 'content-type': request.contentType } : {}),
      },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    const label = `${op.method} ${request.url} [${request.label}] ${describePayload(request)}`;
    const status = response.statusCode;
    if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
      throw new Error(`${label}: answered ${status}: ${response.body.slice(0, 500)}`);
    }
    if (status >= 400) {
      expectErrorFormat(op, response, label);
      const after = await databaseDigest();
      const changed = Object.keys(after).filter((table) => after[table] !== digest[table]);
      if (changed.length > 0) {
        throw new Error(`${label}: refused with ${status} but changed ${changed.join(', ')}`);
      }
    } else {
      if (request.mustRefuse) {
        throw new Error(`${label}: accepted (${status}) input that is invalid: ${response.body}`);
      }
      digest = await databaseDigest();
    }
    return response;
  }

  function describePayload(request: HostileRequest): string {
    if (request.payload === undefined) return '(no body)';
    const text = request.payload.toString();
    const shown = text.length > 300 ? `${text.slice(0, 300)}... (${text.length} chars)` : text;
    return `${request.contentType ?? 'no content type'} ${JSON.stringify(shown)}`;
  }

  beforeAll(async () => {
    t = await startTestApp({
      env: { AUTH_RATE_LIMIT_PER_ADDRESS: '100000', AUTH_RATE_LIMIT_PER_ACCOUNT: '100000' },
    });
    prisma = t.app.get(PrismaService);
    database = new pg.Client({ connectionString: t.database.url });
    await database.connect();

    tableDigestSql = await digestQuery(database);
    const columns = (
      await database.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public'
            AND column_name IN ('user_id', 'admin_user_id', 'user_a_id', 'user_b_id', 'created_by',
                                'support_count', 'wellness_score')`,
      )
    ).rows;
    const counts = columns.map(({ table_name: table, column_name: column }) => {
      const matches =
        column === 'support_count'
          ? `"${column}" = $2`
          : column === 'wellness_score'
            ? `"${column}" = $3`
            : `"${column}"::text = $1`;
      return `(SELECT count(*)::int FROM "${table}" WHERE ${matches}) AS "${table}.${column}"`;
    });
    markerSql = `SELECT (SELECT count(*)::int FROM users WHERE role = 'admin') AS admins, ${counts.join(', ')}`;

    admin = await platformAdmin(t.app, 'platform-admin');
    bystander = await register(t.app, 'bystander');
    const victim = await register(t.app, 'victim');
    const member = await register(t.app, 'member');
    const created = async (url: string, payload: object, token = admin.accessToken) => {
      const response = await inject({ method: 'POST', url, headers: bearer(token), payload });
      if (response.statusCode !== 201) {
        throw new Error(`fixture ${url} failed: ${response.statusCode} ${response.body}`);
      }
      return response.json() as { id: string } & Record<string, unknown>;
    };

    const org = await created('/v1/orgs', {
      name: 'Hostile Input Ltd',
      adminUserId: admin.user.id,
    });
    await prisma.employee.create({
      data: { userId: admin.user.id, orgId: org.id, anonymizedId: newAnonymizedId() },
    });
    const employee = await prisma.employee.create({
      data: { userId: member.user.id, orgId: org.id, anonymizedId: newAnonymizedId() },
    });
    const client = (await created(`/v1/orgs/${org.id}/api-clients`, {
      name: 'Every scope',
      scopes: [
        'employees:read',
        'employees:write',
        'org.wellness:read',
        'surveys:read',
        'surveys:write',
      ],
    })) as { id: string; clientId: string; clientSecret: string };
    clientToken = (
      await inject({
        method: 'POST',
        url: '/v1/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}`,
      })
    ).json().access_token;

    const question = {
      id: 'workload',
      text: 'My workload is manageable.',
      type: 'likert',
      required: true,
    };
    const draftSurvey = await created(`/v1/orgs/${org.id}/surveys`, {
      title: 'Draft pulse',
      questions: [question],
    });
    const openSurvey = await created(`/v1/orgs/${org.id}/surveys`, {
      title: 'Open pulse',
      questions: [question],
    });
    await inject({
      method: 'POST',
      url: `/v1/surveys/${openSurvey.id}/open`,
      headers: bearer(admin.accessToken),
    });
    const mood = await created('/v1/mood', { moodScore: 6 });
    const journal = await created('/v1/journals', { content: 'A quiet day.' });
    const rant = await created('/v1/rants', { content: 'Meetings about meetings.' });
    const assessments = await inject({
      method: 'GET',
      url: '/v1/assessments',
      headers: bearer(admin.accessToken),
    });
    const assessmentId =
      (assessments.json() as { items: Array<{ id: string }> }).items[0]?.id ?? randomUUID();
    const exampleBody = (path: string) => exampleOf(operation('POST', path).body!.schema) as object;
    const course = await created('/v1/courses', exampleBody('/v1/courses'));
    const therapist = await created('/v1/therapists', exampleBody('/v1/therapists'));

    const byPath: Record<string, Record<string, string>> = {
      '/v1/admin/users/{id}/role': { id: victim.user.id },
      '/v1/mood/{id}': { id: mood.id },
      '/v1/journals/{id}': { id: journal.id },
      '/v1/assessments/{id}': { id: assessmentId },
      '/v1/assessments/{id}/responses': { id: assessmentId },
      '/v1/courses/{id}': { id: course.id },
      '/v1/rants/{id}': { id: rant.id },
      '/v1/rants/{id}/reports': { id: rant.id },
      '/v1/therapists/{id}': { id: therapist.id },
      '/v1/therapists/{id}/slots': { id: therapist.id },
      '/v1/surveys/{id}': { id: draftSurvey.id },
      '/v1/surveys/{id}/responses': { id: openSurvey.id },
      '/scim/v2/Users/{id}': { id: member.user.id },
    };
    pathValues = (op) => ({
      orgId: org.id,
      employeeId: employee.id,
      id: randomUUID(),
      responseId: randomUUID(),
      invitationId: randomUUID(),
      domain: 'unclaimed.test',
      moduleId: 'intro',
      ...byPath[op.path],
    });
    digest = await databaseDigest();
  }, 60_000);

  afterAll(async () => {
    await database?.end();
    await t?.close();
  });

  const withInput = operations().filter((op) => op.body || op.queryParams.length > 0);
  const withBody = withInput.filter((op) => op.body);
  const withQuery = withInput.filter((op) => op.queryParams.length > 0);
  const withLimit = withQuery.filter((op) =>
    op.queryParams.some((param) => param.name === 'limit'),
  );
  const withPathParams = operations().filter((op) => op.pathParams.length > 0);
  const writes = operations().filter((op) => ['POST', 'PUT', 'PATCH'].includes(op.method));
  const named = (ops: Operation[]) => ops.map((op) => [`${op.method} ${op.path}`, op] as const);

  /** A body the route's schema describes; SCIM's own schema says only "an object". */
  function validLookingBody(op: Operation): Record<string, unknown> {
    if (op.path.startsWith('/scim/') && op.method === 'PATCH') {
      return {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: true } }],
      };
    }
    if (op.path.startsWith('/scim/')) {
      return {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `scim-${randomUUID()}@example.org`,
        active: true,
      };
    }
    if (op.path === '/v1/oauth/token') return { grant_type: 'client_credentials' };
    return (exampleOf(op.body?.schema ?? {}) ?? {}) as Record<string, unknown>;
  }

  function encodeBody(
    op: Operation,
    body: unknown,
  ): Pick<HostileRequest, 'payload' | 'contentType'> {
    const contentType = op.body?.contentTypes[0] ?? 'application/json';
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
        form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
      return { payload: form.toString(), contentType };
    }
    return { payload: JSON.stringify(body), contentType };
  }

  /** Generated bodies: wrong types, missing fields, unknown fields, hostile strings, depth. */
  function hostileBodies(op: Operation): fc.Arbitrary<HostileRequest> {
    const schema = op.body!.schema;
    const url = fillPath(op.path, pathValues(op));
    const base = validLookingBody(op);
    const strict = isStrictObject(schema);
    const properties = Object.entries(schema.properties ?? {});
    const required = schema.required ?? [];
    const isForm = op.body!.contentTypes[0] === 'application/x-www-form-urlencoded';
    const request = (label: string, body: unknown, mustRefuse: boolean): HostileRequest => ({
      label,
      url,
      mustRefuse,
      ...encodeBody(op, body),
    });
    const choices: fc.Arbitrary<HostileRequest>[] = [];
    const wrongTyped = properties.flatMap(([name, property]) =>
      wrongTypesFor(property, required.includes(name)).map((value) => ({ name, value })),
    );
    if (wrongTyped.length > 0 && !isForm) {
      choices.push(
        fc
          .constantFrom(...wrongTyped)
          .map(({ name, value }) =>
            request(`wrong type for ${name}`, { ...base, [name]: value }, strict),
          ),
      );
    }
    if (required.length > 0) {
      choices.push(
        fc
          .subarray(required, { minLength: 1 })
          .map((missing) =>
            request(
              `missing ${missing.join(', ')}`,
              Object.fromEntries(Object.entries(base).filter(([key]) => !missing.includes(key))),
              strict,
            ),
          ),
      );
    }
    const unknownKey = fc
      .oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('isAdmin', 'id', 'role'))
      .filter(
        (key) => !(key in (schema.properties ?? {})) && !['__proto__', 'constructor'].includes(key),
      );
    choices.push(
      fc
        .dictionary(unknownKey, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 })
        .map((extra) =>
          request(
            `unknown fields ${Object.keys(extra).join(', ')}`,
            { ...base, ...extra },
            strict && !isForm,
          ),
        ),
    );
    const stringProperties = properties.filter(
      ([, property]) => property.type === 'string' || property.type === 'array',
    );
    if (stringProperties.length > 0) {
      choices.push(
        fc
          .tuple(fc.constantFrom(...stringProperties), hostileString)
          .map(([[name, property], text]) =>
            request(
              `hostile string in ${name}`,
              { ...base, [name]: property.type === 'array' ? [text] : text },
              false,
            ),
          ),
      );
    }
    if (op.path.startsWith('/scim/') || isForm) {
      choices.push(
        fc
          .tuple(fc.constantFrom(...Object.keys(base)), hostileString)
          .map(([name, text]) =>
            request(`hostile string in ${name}`, { ...base, [name]: text }, false),
          ),
      );
    }
    return fc.oneof(...choices);
  }

  /** Fixed inputs every JSON route must refuse or survive: syntax, types, size and depth. */
  function fixedBodies(op: Operation): HostileRequest[] {
    const url = fillPath(op.path, pathValues(op));
    const schema = op.body!.schema;
    const strict = isStrictObject(schema);
    const requiresFields = strict && (schema.required ?? []).length > 0;
    const json = op.body!.contentTypes.find((type) => type.includes('json')) ?? 'application/json';
    const base = validLookingBody(op);
    const objectProperties = Object.keys(schema.properties ?? {}).slice(0, 3);
    const requests: HostileRequest[] = [
      ...['{', '{"a":', '{"a" 1}', "{'a':1}", '{"a":1,}', '[1,2', 'nul', '{"a":1}}', '\u0000'].map(
        (text) => ({
          label: 'malformed JSON',
          url,
          payload: text,
          contentType: json,
          mustRefuse: true,
        }),
      ),
      { label: 'empty JSON body', url, payload: '', contentType: json, mustRefuse: requiresFields },
      {
        label: 'text/plain',
        url,
        payload: JSON.stringify(base),
        contentType: 'text/plain',
        mustRefuse: true,
      },
      {
        label: 'application/xml',
        url,
        payload: '<a>1</a>',
        contentType: 'application/xml',
        mustRefuse: true,
      },
      {
        label: 'unknown media type',
        url,
        payload: 'x',
        contentType: 'application/x-evil',
        mustRefuse: true,
      },
      { label: 'no body', url, mustRefuse: requiresFields },
      {
        label: 'invalid UTF-8',
        url,
        payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
        contentType: json,
        mustRefuse: false,
      },
      {
        label: '__proto__ pollution',
        url,
        payload: withRawField(base, '__proto__', '{"isAdmin":true}'),
        contentType: json,
        mustRefuse: true,
      },
      {
        label: 'constructor pollution',
        url,
        payload: withRawField(base, 'constructor', '{"prototype":{"isAdmin":true}}'),
        contentType: json,
        mustRefuse: true,
      },
      // A JSON null body counts as no body (`{}`): valid where every field is optional.
      ...['null', 'true', '42', '"text"', '[]', '[{}]'].map((text) => ({
        label: 'not an object',
        url,
        payload: text,
        contentType: json,
        mustRefuse: text === 'null' ? requiresFields : strict,
      })),
      ...(['array', 'object'] as const).map((kind) => ({
        label: `5,000 levels of ${kind}s`,
        url,
        payload: deeplyNested(5000, kind),
        contentType: json,
        mustRefuse: strict,
      })),
      ...objectProperties.map((name) => ({
        label: `5,000 levels in ${name}`,
        url,
        payload: withRawField(base, name, deeplyNested(5000, 'object')),
        contentType: json,
        mustRefuse: strict && schema.properties?.[name]?.additionalProperties === undefined,
      })),
    ];
    if (op.body!.contentTypes[0] === 'application/x-www-form-urlencoded') {
      // The token endpoint reads forms: its malformed input is a form's.
      return [
        {
          label: 'form of junk',
          url,
          payload: '%%%&&==&grant_type',
          contentType: op.body!.contentTypes[0],
          mustRefuse: true,
        },
        {
          label: 'huge form',
          url,
          payload: `grant_type=${HUGE_STRING}`,
          contentType: op.body!.contentTypes[0],
          mustRefuse: true,
        },
        ...requests.filter((request) => request.contentType !== json),
      ];
    }
    return requests;
  }

  /** Generated queries: hostile strings and wrong types per parameter, unknown parameters. */
  function hostileQueries(op: Operation): fc.Arbitrary<HostileRequest> {
    const path = fillPath(op.path, pathValues(op));
    const names = op.queryParams.map((param) => param.name);
    const numeric = op.queryParams.filter((param) =>
      ['number', 'integer'].includes(param.schema.type ?? ''),
    );
    const query = (
      label: string,
      pairs: Array<[string, string]>,
      mustRefuse: boolean,
    ): HostileRequest => ({
      label,
      url: `${path}?${new URLSearchParams(pairs).toString()}`,
      mustRefuse,
    });
    const strictQuery = !op.path.startsWith('/scim/');
    const choices: fc.Arbitrary<HostileRequest>[] = [
      fc
        .tuple(fc.constantFrom(...names), hostileString)
        .map(([name, text]) => query(`hostile ${name}`, [[name, text]], false)),
      fc
        .tuple(
          fc.constantFrom(...names),
          fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 3 }),
        )
        .map(([name, values]) =>
          query(
            `${name} repeated`,
            values.map((value) => [name, value]),
            false,
          ),
        ),
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !names.includes(name)),
          hostileString,
        )
        .map(([name, value]) => query(`unknown parameter ${name}`, [[name, value]], strictQuery)),
    ];
    if (numeric.length > 0) {
      const notANumberInRange = numeric.flatMap(({ name, schema }) =>
        [
          'abc',
          'NaN',
          'Infinity',
          '1e309',
          '5abc',
          '[]',
          ...(schema.minimum !== undefined ? [String(schema.minimum - 1)] : []),
          ...(schema.maximum !== undefined ? [String(schema.maximum + 1)] : []),
        ].map((value): [string, string] => [name, value]),
      );
      choices.push(
        fc
          .constantFrom(...notANumberInRange)
          .map(([name, value]) => query(`${name}=${value}`, [[name, value]], strictQuery)),
      );
    }
    return fc.oneof(...choices);
  }

  it.each(named(withBody))(
    '%s: hostile bodies answer 4xx (or 2xx when valid), never 5xx',
    async (_, op) => {
      for (const request of fixedBodies(op)) await send(op, request);
      await fc.assert(
        fc.asyncProperty(hostileBodies(op), async (request) => {
          await send(op, request);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    },
    PER_OPERATION_TIMEOUT_MS,
  );

  it.each(named(withQuery))(
    '%s: hostile queries answer 4xx (or 2xx when valid), never 5xx',
    async (_, op) => {
      const path = fillPath(op.path, pathValues(op));
      await send(op, {
        label: 'malformed percent-encoding',
        url: `${path}?${op.queryParams[0].name}=%E0%A4%A`,
        mustRefuse: false,
      });
      await fc.assert(
        fc.asyncProperty(hostileQueries(op), async (request) => {
          await send(op, request);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    },
    PER_OPERATION_TIMEOUT_MS,
  );

  it.each(named(withLimit))('%s: page sizes out of range answer 400', async (_, op) => {
    const path = fillPath(op.path, pathValues(op));
    const maximum = op.queryParams.find((param) => param.name === 'limit')!.schema.maximum ?? 100;
    for (const limit of ['0', '-1', String(maximum + 1), '1e9', 'abc']) {
      const response = await send(op, {
        label: `limit=${limit}`,
        url: `${path}?limit=${limit}`,
        mustRefuse: true,
      });
      expect({ limit, status: response.statusCode }).toEqual({ limit, status: 400 });
    }
  });

  it.each(named(withPathParams))('%s: malformed ids answer 4xx, never 5xx', async (_, op) => {
    const base = pathValues(op);
    const badId = fc.oneof(
      fc.constantFrom(
        'not-a-uuid',
        '1',
        '-1',
        '00000000-0000-0000-0000-00000000000g',
        "' OR 1=1 --",
        '..',
        '\u0000',
        '😀',
        ' ',
        'x'.repeat(300),
        `${randomUUID()}x`,
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...op.pathParams.map((param) => param.name)),
        badId,
        async (name, value) => {
          const url = fillPath(op.path, { ...base, [name]: value });
          const body = op.body ? encodeBody(op, validLookingBody(op)) : {};
          await send(op, { label: `bad ${name}`, url, ...body, mustRefuse: true });
        },
      ),
      { seed: SEED, numRuns: 10, endOnFailure: true },
    );
    // Not even valid percent-encoding.
    const raw = op.path.replace(/\{[^}]+\}/g, (match) =>
      match === `{${op.pathParams[0].name}}`
        ? '%E0%A4%A'
        : encodeURIComponent(base[match.slice(1, -1)]),
    );
    await send(op, { label: 'malformed percent-encoding', url: raw, mustRefuse: true });
  });

  it.each(named(writes))(
    '%s: fields a client must not set are refused or ignored',
    async (_, op) => {
      const extras: Record<string, unknown> = {
        role: 'admin',
        user_id: bystander.user.id,
        userId: bystander.user.id,
        admin_user_id: bystander.user.id,
        adminUserId: bystander.user.id,
        support_count: MASS_ASSIGNMENT_MARKERS.supportCount,
        supportCount: MASS_ASSIGNMENT_MARKERS.supportCount,
        wellness_score: MASS_ASSIGNMENT_MARKERS.wellnessScore,
        wellnessScore: MASS_ASSIGNMENT_MARKERS.wellnessScore,
      };
      // A field the route itself defines (adminUserId on orgs, role on the role route, userId of
      // the buddy routes) is the route's business, not mass assignment.
      const injected = Object.keys(extras).filter(
        (key) => !(key in (op.body?.schema.properties ?? {})),
      );
      const body = {
        ...(op.body ? validLookingBody(op) : {}),
        ...Object.fromEntries(injected.map((key) => [key, extras[key]])),
      };
      const before = await markerCounts();
      const response = await send(op, {
        label: 'mass assignment',
        url: fillPath(op.path, pathValues(op)),
        ...(op.body
          ? encodeBody(op, body)
          : { payload: JSON.stringify(body), contentType: 'application/json' }),
        mustRefuse: false,
      });
      if (
        op.body &&
        isStrictObject(op.body.schema) &&
        op.body.contentTypes[0] === 'application/json'
      ) {
        expect(response.statusCode).toBe(400);
        const refused = (response.json().errors as Array<{ field: string; reason: string }>)
          .filter((error) => /should not exist/.test(error.reason))
          .map((error) => error.field);
        expect(refused).toEqual(expect.arrayContaining(injected));
      }
      expect(await markerCounts()).toEqual({
        ...before,
        ...Object.fromEntries(
          Object.keys(before)
            .filter((key) => /support_count|wellness_score/.test(key))
            .map((key) => [key, 0]),
        ),
      });
    },
  );
});
