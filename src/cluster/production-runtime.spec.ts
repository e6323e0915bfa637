import {
  PRODUCTION_MALLOC_ENV,
  PRODUCTION_NODE_FLAGS,
  withProductionSettings,
} from './production-runtime.js';

describe('withProductionSettings', () => {
  it("adds production's Node flags and malloc settings", () => {
    const { execArgv, env } = withProductionSettings(['--enable-source-maps'], { PATH: '/bin' });
    expect(execArgv).toEqual(['--enable-source-maps', ...PRODUCTION_NODE_FLAGS]);
    expect(env).toEqual({ PATH: '/bin', ...PRODUCTION_MALLOC_ENV });
  });

  it("keeps the operator's own value of a flag or variable, given either way", () => {
    const { execArgv, env } = withProductionSettings(['--heap_growing_percent=50'], {
      NODE_OPTIONS: '--max-semi-space-size=16',
      MALLOC_ARENA_MAX: '4',
    });
    expect(execArgv).toEqual(['--heap_growing_percent=50']);
    expect(env.MALLOC_ARENA_MAX).toBe('4');
    expect(env.MALLOC_MMAP_THRESHOLD_).toBe('131072');
  });
});
