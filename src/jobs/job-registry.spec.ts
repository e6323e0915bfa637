import { JobRegistry } from './job-registry.js';
import { jobOptions } from './job-options.js';
import { backoffDelayMs } from './job-runner.js';

describe('JobRegistry', () => {
  it('finds a registered job and refuses an unknown or duplicate name', () => {
    const registry = new JobRegistry();
    const handle = async () => undefined;
    registry.register({ name: 'tokens.purge', handle });
    expect(registry.get('tokens.purge').handle).toBe(handle);
    expect(() => registry.get('nope')).toThrow(/No handler/);
    expect(() => registry.register({ name: 'tokens.purge', handle })).toThrow(/twice/);
  });

  it('backs off exponentially', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });
});

describe('jobOptions', () => {
  const handle = async () => undefined;

  it('deduplicates keyed jobs per name and key, keeping one waiting behind a running one', () => {
    const options = jobOptions(
      { name: 'orgs.recompute', key: (data) => String(data.orgId), coalesceMs: 2000, handle },
      { orgId: 'o1' },
    );
    expect(options.deduplication).toEqual({ id: 'orgs.recompute:o1', keepLastIfActive: true });
    expect(options.delay).toBe(2000);
    expect(jobOptions({ name: 'plain', handle }, {}).deduplication).toBeUndefined();
  });

  it('backs off from the job’s own first wait', () => {
    expect(jobOptions({ name: 'a', handle }, {}).backoff).toEqual({
      type: 'exponential',
      delay: 1000,
    });
    expect(jobOptions({ name: 'b', backoffMs: 30_000, handle }, {}).backoff).toEqual({
      type: 'exponential',
      delay: 30_000,
    });
  });
});
