import { JobRegistry } from './job-registry.js';
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
