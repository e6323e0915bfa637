import { declareJob } from './job-catalogue.js';
import { InProcessJobRunner } from './in-process-job-runner.js';
import { JobRegistry } from './job-registry.js';
import { uuidField } from './job-payload.js';

declare module './job-catalogue.js' {
  interface JobCatalogue {
    'spec.coalesced': { orgId: string };
  }
}

const ORG = '2b7e1516-28ae-4d2a-a6ab-f7158809cf4f';

/** A runner whose one job waits `coalesceMs` and records the organisations it ran for. */
function runnerCoalescing(coalesceMs: number) {
  const registry = new JobRegistry();
  registry.declare([
    declareJob('spec.coalesced', {
      queue: 'org-wellness',
      parse: (data) => ({ orgId: uuidField(data, 'orgId') }),
      key: ({ orgId }) => orgId,
      coalesceMs,
    }),
  ]);
  const handled: string[] = [];
  registry.handle('spec.coalesced', async ({ orgId }) => {
    handled.push(orgId);
  });
  return { runner: new InProcessJobRunner(registry), handled };
}

describe('InProcessJobRunner', () => {
  it('runs a coalesced job once after its wait, with the latest payload', async () => {
    const { runner, handled } = runnerCoalescing(50);
    await runner.enqueue('spec.coalesced', { orgId: ORG });
    await runner.enqueue('spec.coalesced', { orgId: ORG });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(handled).toEqual([ORG]);
    await runner.onApplicationShutdown();
  });

  it('starts no job whose wait ends after shutdown began (the database may be gone)', async () => {
    const { runner, handled } = runnerCoalescing(100);
    await runner.enqueue('spec.coalesced', { orgId: ORG });
    await runner.onApplicationShutdown();
    expect(handled).toEqual([]);
  });
});
