import { declareJob } from './job-catalogue.js';
import { JobRegistry } from './job-registry.js';
import { uuidField } from './job-payload.js';
import { planRelay } from './outbox-relay-plan.js';

declare module './job-catalogue.js' {
  interface JobCatalogue {
    'spec.recompute': { orgId: string };
  }
}

const ORG_A = '2b7e1516-28ae-4d2a-a6ab-f7158809cf4f';
const ORG_B = '6bc1bee2-2e40-4f96-a93d-7e117393172a';

function registry(): JobRegistry {
  const jobs = new JobRegistry();
  jobs.declare([
    declareJob('spec.recompute', {
      queue: 'org-wellness',
      parse: (data) => ({ orgId: uuidField(data, 'orgId') }),
    }),
  ]);
  jobs.handle('spec.recompute', async () => undefined);
  return jobs;
}

const row = (id: string, jobName: string, jobKey: string, payload: unknown) => ({
  id,
  jobName,
  jobKey,
  payload,
});

describe('planRelay', () => {
  const jobs = registry();
  const read = (name: string, data: unknown) => jobs.read(name, data);

  it('hands over the latest payload of each job and key, and marks every row it routed', () => {
    const plan = planRelay(
      [
        row('1', 'spec.recompute', ORG_A, { orgId: ORG_A, n: 1 }),
        row('2', 'spec.recompute', ORG_B, { orgId: ORG_B }),
        row('3', 'spec.recompute', ORG_A, { orgId: ORG_A, n: 2 }),
      ],
      read,
    );
    expect(plan.jobs.map((job) => job.payload)).toEqual([{ orgId: ORG_A }, { orgId: ORG_B }]);
    expect(plan.relayedIds).toEqual(['1', '2', '3']);
    expect(plan.setAside).toEqual([]);
  });

  it('sets aside a row of an unknown job or with a refused payload, and routes the rest', () => {
    const plan = planRelay(
      [
        row('1', 'spec.recompute', ORG_A, { orgId: ORG_A }),
        row('2', 'spec.recompute-typo', ORG_B, { orgId: ORG_B }),
        row('3', 'spec.recompute', 'x', { orgId: 'not an id' }),
        row('4', 'spec.recompute', ORG_B, { orgId: ORG_B }),
      ],
      read,
    );
    expect(plan.relayedIds).toEqual(['1', '4']);
    expect(plan.jobs).toHaveLength(2);
    expect(plan.setAside).toEqual([
      { id: '2', reason: 'No job "spec.recompute-typo" in the catalogue.' },
      { id: '3', reason: 'Job "spec.recompute" refused its payload: orgId must be a UUID.' },
    ]);
  });

  it('does not let a refused row supersede a good one of the same job and key', () => {
    const plan = planRelay(
      [
        row('1', 'spec.recompute', ORG_A, { orgId: ORG_A }),
        row('2', 'spec.recompute', ORG_A, { orgId: 42 }),
      ],
      read,
    );
    expect(plan.jobs.map((job) => job.payload)).toEqual([{ orgId: ORG_A }]);
    expect(plan.setAside.map((aside) => aside.id)).toEqual(['2']);
  });
});
