/**
 * How a production API process runs, measured in bench/README.md ("API memory"):
 * - `--max-semi-space-size=8`: an 8 MB young generation. With 2 MB the process held 5 to 13 MB
 *   less after a load but spent 15 to 27% more CPU per request on the mood routes (objects of
 *   requests in flight outlived the small young generation and were promoted, then collected
 *   as old ones); V8's default size held about 20 MB more for no further saving;
 * - `--heap-growing-percent=30`: the old generation is collected again once it has grown 30%
 *   over what the last full collection kept, instead of V8's up to 300% on a machine with
 *   memory to spare (the process held 70 MB of live objects and 250 MB of heap after a load);
 * - two glibc arenas, and blocks over 128 KB (argon2id's 19 MiB per hash) always given back.
 * `npm run start:prod` gets them through the cluster primary; the bench starts its single API
 * process and the baseline with the same.
 */
export const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=30'];

export const PRODUCTION_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

const flagName = (flag: string) => flag.split('=')[0].replace(/_/g, '-');

/**
 * `execArgv` and `env` with production's settings added where the operator has not set the
 * same flag (on the command line or in NODE_OPTIONS) or variable: theirs win.
 */
export function withProductionSettings(
  execArgv: readonly string[],
  env: NodeJS.ProcessEnv,
): { execArgv: string[]; env: NodeJS.ProcessEnv } {
  const given = new Set(
    [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].filter(Boolean).map(flagName),
  );
  const missingFlags = PRODUCTION_NODE_FLAGS.filter((flag) => !given.has(flagName(flag)));
  const missingEnv = Object.entries(PRODUCTION_MALLOC_ENV).filter(([name]) => !env[name]);
  return {
    execArgv: [...execArgv, ...missingFlags],
    env: { ...env, ...Object.fromEntries(missingEnv) },
  };
}
