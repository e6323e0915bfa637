import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layering README's architecture section describes, checked on every import in `src`:
 *
 * - the base (`common`, `config`, `database`, `jobs`, `openapi`, the generated client and the
 *   top-level helpers) imports only the base;
 * - `auth` (guards, roles, tokens, sessions, accounts' credentials) imports only the base;
 * - a feature imports the base, `auth`, and of another feature only what that feature offers
 *   others: its module, its services, its DTOs, its job catalogue, and its pure rules (files
 *   that need neither Nest nor the database). Never a repository, a controller or a guard;
 * - only the entry points (the files that assemble the application) import anything, and
 *   nothing imports them except other entry points;
 * - a table is read and written through Prisma only by the feature that owns it; others ask that
 *   feature's service. (SQL that aggregates, such as the wellness recompute over mood entries,
 *   reads across tables by design and is not counted here.)
 */
const SRC = normalize(join(dirname(fileURLToPath(import.meta.url))));

const ENTRY_POINTS = new Set([
  'main.ts',
  'cluster.ts',
  'worker.ts',
  'http-app.ts',
  'app.module.ts',
  'worker.module.ts',
  'reencrypt.ts',
  'openapi/cli.ts',
  'openapi/openapi.ts',
  'database/migrations/cli.ts',
]);
const BASE_FOLDERS = new Set(['common', 'config', 'database', 'generated', 'jobs', 'openapi']);

type Layer = 'entry' | 'base' | 'auth' | 'feature';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `mood/mood.service.ts` -> `mood`; a top-level file is its own area. */
function areaOf(file: string): string {
  const [first, ...rest] = file.split('/');
  return rest.length === 0 ? file : first;
}

function layerOf(file: string): Layer {
  if (ENTRY_POINTS.has(file)) return 'entry';
  const area = areaOf(file);
  if (BASE_FOLDERS.has(area) || !file.includes('/')) return 'base';
  return area === 'auth' ? 'auth' : 'feature';
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT = /(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/g;
const DYNAMIC_IMPORT = /import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const resolve = (specifier: string) =>
    relative(SRC, join(SRC, dirname(file), specifier)).replace(/\.js$/, '.ts');
  return [
    ...[...text.matchAll(IMPORT)].map((match) => ({
      from: file,
      to: resolve(match[2]),
      typeOnly: Boolean(match[1]),
    })),
    ...[...text.matchAll(DYNAMIC_IMPORT)].map((match) => ({
      from: file,
      to: resolve(match[1]),
      typeOnly: false,
    })),
  ];
}

const files = sourceFiles(SRC).map((path) => relative(SRC, path));
const imports = files.flatMap(importsOf);

/** A file other features may import: the feature's module, services, DTOs, jobs, pure rules. */
function offeredToOthers(file: string): boolean {
  if (/\.(module|service|dto|jobs)\.ts$/.test(file) || file.includes('/dto/')) return true;
  if (/\.(repository|controller|guard|strategy|filter|interceptor)\.ts$/.test(file)) return false;
  return isPure(file);
}

/** Needs neither Nest nor the database: a rule or a constant, safe to share. */
function isPure(file: string): boolean {
  const text = readFileSync(join(SRC, file), 'utf8');
  if (/from '@nestjs\//.test(text) || /from '@prisma\//.test(text)) return false;
  return importsOf(file)
    .filter((found) => !found.typeOnly)
    .every(({ to }) => !to.startsWith('database/') && !to.startsWith('generated/'));
}

/** Why an import runs against the layering, or null when it does not. */
function violation({ from, to }: Import): string | null {
  const source = layerOf(from);
  const target = layerOf(to);
  if (source === 'entry') return null;
  if (target === 'entry') return 'only entry points import an entry point';
  if (areaOf(from) === areaOf(to)) return null;
  if (source === 'base') return target === 'base' ? null : 'the base imports only the base';
  if (source === 'auth') return target === 'base' ? null : 'auth imports only the base';
  if (target !== 'feature') return null;
  return offeredToOthers(to)
    ? null
    : "a feature imports another's module, services, DTOs, jobs or pure rules only";
}

/** Each Prisma model's owner(s), by the name of its delegate on the client. */
const TABLE_OWNERS: Record<string, string[]> = {
  user: ['auth'],
  refreshToken: ['auth'],
  moodEntry: ['mood'],
  journal: ['journals'],
  wellnessAssessment: ['assessments'],
  assessmentResponse: ['assessments'],
  anonymousRant: ['rants'],
  rantSupport: ['rants'],
  rantReport: ['rants'],
  buddyMatch: ['buddies'],
  buddyProfile: ['buddies'],
  buddyCandidate: ['buddies'],
  therapist: ['therapists'],
  appointment: ['therapists'],
  // The schema keeps the published wellness score on the organisation: its recompute writes it.
  organization: ['orgs', 'org-wellness'],
  employee: ['orgs'],
  orgDomain: ['orgs'],
  orgInvitation: ['orgs'],
  wellbeingSurvey: ['surveys'],
  surveyResponse: ['surveys'],
  surveyParticipation: ['surveys'],
  surveyAudienceMember: ['surveys'],
  course: ['courses'],
  courseEnrollment: ['courses'],
  apiClient: ['api-clients'],
  identityProvider: ['sso'],
  ssoUsedToken: ['sso'],
  orgWellnessSnapshot: ['org-wellness'],
  orgWellnessContribution: ['org-wellness'],
  webhookSubscription: ['webhooks'],
  webhookDelivery: ['webhooks'],
  outboxEvent: ['jobs'],
};

const DELEGATE_CALL =
  /\.([a-z][A-Za-z]+)\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|count|aggregate|groupBy)\(/g;

/** `file` uses a table it does not own through Prisma, as `model.operation`. */
function foreignTableUses(file: string, text = readFileSync(join(SRC, file), 'utf8')): string[] {
  return [...text.matchAll(DELEGATE_CALL)]
    .filter(([, model]) => model in TABLE_OWNERS && !TABLE_OWNERS[model].includes(areaOf(file)))
    .map(([, model, operation]) => `${file}: ${model}.${operation}`);
}

describe('layering', () => {
  it('finds the source tree and its imports', () => {
    expect(files).toContain('mood/mood.service.ts');
    expect(imports.length).toBeGreaterThan(500);
  });

  it('has no import against it', () => {
    const against = imports
      .map((found) => ({ found, reason: violation(found) }))
      .filter(({ reason }) => reason !== null)
      .map(({ found, reason }) => `${found.from} -> ${found.to}: ${reason}`);
    expect(against).toEqual([]);
  });

  it('gives every model of the schema an owner', () => {
    const schema = readFileSync(join(SRC, '../prisma/schema.prisma'), 'utf8');
    const delegates = [...schema.matchAll(/^model (\w+) \{/gm)].map(
      ([, model]) => model[0].toLowerCase() + model.slice(1),
    );
    expect(delegates.length).toBeGreaterThan(30);
    expect(delegates.filter((delegate) => !(delegate in TABLE_OWNERS))).toEqual([]);
  });

  it('reaches tables only through the feature that owns them', () => {
    expect(
      files.filter((file) => layerOf(file) !== 'entry').flatMap((file) => foreignTableUses(file)),
    ).toEqual([]);
  });

  it("tells a feature's own table from another's", () => {
    const code = 'await tx.user.findUnique({}); await this.prisma.moodEntry.count();';
    expect(foreignTableUses('mood/mood.repository.ts', code)).toEqual([
      'mood/mood.repository.ts: user.findUnique',
    ]);
    expect(foreignTableUses('auth/users.repository.ts', code)).toEqual([
      'auth/users.repository.ts: moodEntry.count',
    ]);
  });

  it('tells a repository of another feature from its service', () => {
    expect(
      violation({ from: 'buddies/x.ts', to: 'mood/mood.repository.ts', typeOnly: false }),
    ).not.toBeNull();
    expect(
      violation({ from: 'buddies/x.ts', to: 'mood/mood.service.ts', typeOnly: false }),
    ).toBeNull();
    expect(
      violation({ from: 'common/x.ts', to: 'mood/mood.service.ts', typeOnly: false }),
    ).not.toBeNull();
    expect(
      violation({ from: 'auth/x.ts', to: 'orgs/orgs.module.ts', typeOnly: false }),
    ).not.toBeNull();
  });
});
