import { declareJob, type NoPayload } from './job-catalogue.js';
import { JobRefused, JobRegistry } from './job-registry.js';
import { jobOptions } from './job-options.js';
import { noPayload, uuidField } from './job-payload.js';
import { backoffDelayMs } from './job-runner.js';

declare module './job-catalogue.js' {
  interface JobCatalogue {
    'spec.keyed': { orgId: string };
    'spec.plain': NoPayload;
  }
}

const ORG = '2b7e1516-28ae-4d2a-a6ab-f7158809cf4f';
const keyed = declareJob('spec.keyed', {
  queue: 'org-wellness',
  parse: (data) => ({ orgId: uuidField(data, 'orgId') }),
  key: ({ orgId }) => orgId,
  coalesceMs: 2000,
});
const plain = declareJob('spec.plain', { queue: 'maintenance', parse: noPayload });
const handle = async () => undefined;

describe('JobRegistry', () => {
  it('gives a declared job with its handler, and refuses a name declared or handled twice', () => {
    const registry = new JobRegistry();
    registry.declare([keyed, plain]);
    registry.handle('spec.keyed', handle);
    registry.handle('spec.plain', handle, { backoffMs: 30_000 });
    expect(registry.get('spec.keyed')).toMatchObject({ queue: 'org-wellness', handle });
    expect(registry.get('spec.plain').backoffMs).toBe(30_000);
    expect(registry.all().map((definition) => definition.name)).toEqual([
      'spec.keyed',
      'spec.plain',
    ]);
    expect(() => registry.declare([plain])).toThrow(/declared twice/);
    expect(() => registry.handle('spec.plain', handle)).toThrow(/handler twice/);
  });

  it('refuses to start with a declared job nobody handles, or a handler nobody declared', () => {
    const unhandled = new JobRegistry();
    unhandled.declare([keyed, plain]);
    unhandled.handle('spec.plain', handle);
    expect(() => unhandled.onApplicationBootstrap()).toThrow(
      /no handler is registered for spec\.keyed/,
    );
    expect(() => unhandled.get('spec.keyed')).toThrow(/No handler/);

    const undeclared = new JobRegistry();
    undeclared.declare([plain]);
    undeclared.handle('spec.plain', handle);
    undeclared.handle('spec.keyed', handle);
    expect(() => undeclared.assertComplete()).toThrow(/no catalogue declares spec\.keyed/);

    const complete = new JobRegistry();
    complete.declare([plain]);
    complete.handle('spec.plain', handle);
    expect(() => complete.assertComplete()).not.toThrow();
  });

  it('reads a stored job through its declaration, and refuses what it cannot route', () => {
    const registry = new JobRegistry();
    registry.declare([keyed, plain]);
    registry.handle('spec.keyed', handle);
    registry.handle('spec.plain', handle);
    const read = registry.read('spec.keyed', { orgId: ORG, extra: 'dropped' });
    expect(read.definition.name).toBe('spec.keyed');
    expect(read.payload).toEqual({ orgId: ORG });
    expect(registry.read('spec.plain', { from: 'a schedule' }).payload).toEqual({});

    expect(() => registry.read('spec.keyd', { orgId: ORG })).toThrow(JobRefused);
    expect(() => registry.read('spec.keyd', { orgId: ORG })).toThrow(
      'No job "spec.keyd" in the catalogue.',
    );
    expect(() => registry.read('spec.keyed', { orgId: 'o1' })).toThrow(
      'Job "spec.keyed" refused its payload: orgId must be a UUID.',
    );
    expect(() => registry.read('spec.keyed', [ORG])).toThrow(/not an object/);
  });

  it('backs off exponentially', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });
});

describe('jobOptions', () => {
  const definition = (declaration: typeof keyed | typeof plain, backoffMs?: number) => ({
    ...declaration,
    backoffMs,
    handle,
  });

  it('deduplicates keyed jobs per name and key, keeping one waiting behind a running one', () => {
    const options = jobOptions(definition(keyed), { orgId: ORG });
    expect(options.deduplication).toEqual({ id: `spec.keyed:${ORG}`, keepLastIfActive: true });
    expect(options.delay).toBe(2000);
    expect(jobOptions(definition(plain), {}).deduplication).toBeUndefined();
  });

  it('backs off from the job’s own first wait', () => {
    expect(jobOptions(definition(plain), {}).backoff).toEqual({ type: 'exponential', delay: 1000 });
    expect(jobOptions(definition(plain, 30_000), {}).backoff).toEqual({
      type: 'exponential',
      delay: 30_000,
    });
  });
});
