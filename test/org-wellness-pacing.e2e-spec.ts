import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PrismaService } from '../src/database/prisma.service.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { newAnonymizedId } from '../src/orgs/anonymized-id.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RECOMPUTE = 'orgs.recompute-wellness';
const SEED = 20261205;
const MIN_GROUP_SIZE = 5;

/**
 * The organisation's lead reads the published score before and after one person logs a mood,
 * and subtracts: (N+1)·s1 − N·s0. A score is published at most once per period of the
 * organisation's cadence and only when at least minGroupSize members moved it, so the two
 * readings are the same.
 */
describe('paced organisation scores', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let registry: JobRegistry;
  let lead: SignedIn;

  const recompute = (orgId: string) => registry.get(RECOMPUTE).handle({ orgId });
  /** As if `hours` had passed since the organisation's last publication. */
  const timePasses = (orgId: string, hours: number) =>
    prisma.$executeRaw`UPDATE org_wellness_snapshots
                          SET created_at = created_at - make_interval(hours => ${hours}::int)
                        WHERE org_id = ${orgId}::uuid`;
  const log = (userId: string, moodScore: number) =>
    prisma.moodEntry.create({ data: { userId, moodScore } });
  /** Everything an organisation's side can compare: snapshots, dashboard and webhook events. */
  const published = async (orgId: string) => ({
    snapshots: (
      await t.app.inject({
        method: 'GET',
        url: `/v1/orgs/${orgId}/wellness/snapshots?limit=100`,
        headers: bearer(lead.accessToken),
      })
    ).json(),
    dashboard: (
      await t.app.inject({
        method: 'GET',
        url: `/v1/orgs/${orgId}/dashboard`,
        headers: bearer(lead.accessToken),
      })
    ).json(),
    announcements: await prisma.outboxEvent.count({
      where: { jobName: 'webhooks.dispatch', jobKey: { startsWith: `${orgId}:` } },
    }),
  });

  async function organisation(size: number, settings: object = {}) {
    const org = await prisma.organization.create({
      data: {
        name: 'Paced',
        adminUserId: lead.user.id,
        settings: { minGroupSize: MIN_GROUP_SIZE, ...settings },
      },
    });
    const members: string[] = [];
    for (let i = 0; i < size; i++) {
      const user = await prisma.user.create({
        data: { email: `m-${randomBytes(6).toString('hex')}@example.org`, password: 'x' },
      });
      await prisma.employee.create({
        data: {
          orgId: org.id,
          userId: user.id,
          department: i % 2 ? 'Ops' : 'IT',
          anonymizedId: newAnonymizedId(),
        },
      });
      members.push(user.id);
    }
    return { orgId: org.id, members };
  }

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    registry = t.app.get(JobRegistry);
    lead = await register(t.app, 'lead');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('does not publish one person’s mood, however long the lead waits', async () => {
    const { orgId, members } = await organisation(8);
    for (const userId of members) await log(userId, 6);
    await recompute(orgId);
    const before = await published(orgId);
    expect(before.snapshots.items).toHaveLength(1);
    expect(before.announcements).toBe(1);

    await log(members[0], 1);
    for (const hours of [0, 24, 48]) {
      await timePasses(orgId, hours);
      await recompute(orgId);
      const after = await published(orgId);
      expect(after.snapshots.items.map((s: { wellnessScore: number }) => s.wellnessScore)).toEqual(
        before.snapshots.items.map((s: { wellnessScore: number }) => s.wellnessScore),
      );
      expect(after.dashboard.wellnessScore).toBe(before.dashboard.wellnessScore);
      expect(after.announcements).toBe(1);
    }

    // Four more members move it, five in all: the next publication stands on them.
    for (const userId of members.slice(1, 5)) await log(userId, 2);
    await recompute(orgId);
    const moved = await published(orgId);
    expect(moved.snapshots.items).toHaveLength(2);
    expect(moved.announcements).toBe(2);
    expect(moved.dashboard.wellnessScore).not.toBe(before.dashboard.wellnessScore);
  });

  it('publishes at most once per period of the organisation’s own cadence', async () => {
    const { orgId, members } = await organisation(6, { scoreCadence: 'hourly' });
    await recompute(orgId);
    for (const userId of members) await log(userId, 9);
    await recompute(orgId);
    expect(await prisma.orgWellnessSnapshot.count({ where: { orgId } })).toBe(1);
    await timePasses(orgId, 1);
    await recompute(orgId);
    expect(await prisma.orgWellnessSnapshot.count({ where: { orgId } })).toBe(2);
  });

  it('property: two consecutive published scores never differ by fewer than minGroupSize members', async () => {
    const step = fc.record({
      loggers: fc.uniqueArray(fc.nat(9), { maxLength: 10 }),
      score: fc.integer({ min: 1, max: 10 }),
      hours: fc.constantFrom(0, 1, 24),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const { orgId, members } = await organisation(10);
        const scores = new Map<string, number[]>(members.map((id) => [id, []]));
        const meanOf = (id: string) => {
          const own = scores.get(id)!;
          return own.length ? own.reduce((a, b) => a + b, 0) / own.length : null;
        };
        let atPublication: Array<number | null> | null = null;
        let snapshots = 0;
        for (const { loggers, score, hours } of steps) {
          for (const index of loggers) {
            await log(members[index], score);
            scores.get(members[index])!.push(score);
          }
          await timePasses(orgId, hours);
          await recompute(orgId);
          const count = await prisma.orgWellnessSnapshot.count({ where: { orgId } });
          if (count > snapshots) {
            const now = members.map(meanOf);
            if (atPublication) {
              const moved = now.filter((mean, i) => mean !== atPublication![i]).length;
              expect(moved).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
            }
            atPublication = now;
            snapshots = count;
          }
        }
      }),
      { seed: SEED, numRuns: 20, endOnFailure: true },
    );
  });
});
