// The job phase of a run: which jobs are timed, at which sizes, in which order.
import pg from 'pg';
import { RECOMPUTE_STEPS, SCALE, SEED_SIZES } from './config.mjs';
import { OWNERS_PER_BATCH, timeBuddyPass, timeJobs } from './jobs.mjs';
import { median } from './report.mjs';
import { memberId, seedBuddyProfiles, vacuumAnalyze } from '../seed/seed.mjs';

/**
 * The job measurements: the org recompute at each growth step, the buddy full pass as profiles
 * are added, then one person's buddy update.
 */
export async function runJobScenarios(appEnv, fixtures, { log, budgetMs }) {
  const sizeOf = (key) => SEED_SIZES.orgs.find((org) => org.key === key);
  const scaled = (value) => Math.max(20, Math.round(value * SCALE));
  // A first run writes nearly every member's streak; repeats find them current.
  const recomputeRuns = RECOMPUTE_STEPS.map((growthStep) => ({
    label: `recompute ${growthStep.share}`,
    job: 'orgs.recompute-wellness',
    data: { orgId: fixtures.orgs[growthStep.org] },
    // The first run and five repeats: the repeat figure is a true median.
    repeat: 6,
  }));
  const timings = await timeJobs(appEnv, recomputeRuns);
  const recompute = RECOMPUTE_STEPS.map((growthStep, index) => {
    const [first, ...repeats] = timings[index].millis;
    return {
      share: growthStep.share,
      orgId: fixtures.orgs[growthStep.org],
      members: scaled(sizeOf(growthStep.org).members),
      entries: scaled(sizeOf(growthStep.org).entries),
      firstMillis: first,
      repeatMillis: median(repeats),
      millis: timings[index].millis,
    };
  });

  const db = new pg.Client({ connectionString: appEnv.DATABASE_URL });
  await db.connect();
  const buddies = [];
  let buddyIncremental = null;
  try {
    let seeded = 0;
    for (const [index, target] of SEED_SIZES.buddySteps.entries()) {
      const optedIn = Math.min(scaled(target), scaled(sizeOf('large').members));
      await seedBuddyProfiles(db, { key: 'large', from: seeded + 1, to: optedIn });
      await vacuumAnalyze(db, ['buddy_profiles', 'buddy_matches', 'buddy_candidates']);
      seeded = optedIn;
      const share = ['10%', '30%', '100%'][index];
      const pass = await timeBuddyPass(appEnv, optedIn, budgetMs);
      buddies.push({ share, ...pass });
      log(
        `    buddies.recompute-all ${share} (${optedIn} people): ` +
          (pass.measured
            ? `${pass.millis} ms`
            : pass.millis !== null
              ? `≈ ${pass.millis} ms (stopped after ${pass.elapsedMillis} ms with ${pass.listsDone} lists written, ${pass.perBatchMillis} ms per batch of ${OWNERS_PER_BATCH})`
              : `≥ ${pass.lowerBoundMillis} ms (no batch finished in ${pass.elapsedMillis} ms)`),
      );
    }
    // Three different people of the last step, whose profiles the passes above scored.
    const people = [1, Math.ceil(seeded / 2), seeded].map((index) => memberId('large', index));
    const runs = people.map((userId, index) => ({
      label: `buddies.recompute-candidates #${index + 1}`,
      job: 'buddies.recompute-candidates',
      data: { userId },
    }));
    const incremental = await timeJobs(appEnv, runs);
    const millis = incremental.map((run) => run.millis[0]);
    buddyIncremental = {
      optedIn: seeded,
      millis,
      firstMillis: millis[0],
      medianMillis: median(millis),
      slowestMillis: Math.max(...millis),
    };
  } finally {
    await db.end();
  }
  return { recompute, buddies, buddyIncremental };
}
