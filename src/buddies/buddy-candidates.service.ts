import { setImmediate } from 'node:timers/promises';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { PrismaService } from '../database/prisma.service.js';
import { JobRegistry } from '../jobs/job-registry.js';
import { BuddyCandidatesRepository, type CandidateRows } from './buddy-candidates.repository.js';
import { BuddyProfilesRepository } from './buddy-profiles.repository.js';
import { BestCandidateLists } from './best-candidates.js';
import {
  bestOf,
  CANDIDATES_PER_PERSON,
  CandidatePool,
  type PoolProfile,
} from './candidate-pool.js';
import { toUtcHours, utcOffsetMinutesOf } from './utc-hours.js';
import { RECOMPUTE_ALL_CANDIDATES, RECOMPUTE_CANDIDATES } from './buddies.jobs.js';

/**
 * Lists written per transaction by the full pass: 25,000 rows, well under a second, so that
 * opt-outs, blocks and one person's recompute wait little for the lists lock in between.
 */
const OWNERS_PER_WRITE = 500;
/** Owners scored between two turns of the event loop: tens of milliseconds. */
const OWNERS_PER_SLICE = 20;
const PROFILES_PER_UTC_BATCH = 500;
/** A pass waits its turn for the lists lock, then writes: more than Prisma's 5 s default. */
const PASS_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };
/** Saves are stamped by the API's clock and compared with the worker's: allow for some skew. */
const CLOCK_SKEW_MS = 5_000;

/**
 * Keeps the stored candidate lists that suggestions read: one person's list (and the lists that
 * name them) after they save their profile, and every list once a day, after converting preferred
 * hours again for zones whose offset changed (daylight saving). Scoring happens here, in memory
 * (`CandidatePool`), from one read of the profiles; the database only stores the lists. Both
 * jobs are idempotent: they rebuild from the profiles and matches, so running one twice leaves
 * the same rows.
 */
@Injectable()
export class BuddyCandidatesService implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly candidates: BuddyCandidatesRepository,
    private readonly profiles: BuddyProfilesRepository,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(RECOMPUTE_CANDIDATES, ({ userId }) => this.recomputeFor(userId));
    this.jobs.handle(RECOMPUTE_ALL_CANDIDATES, () => this.recomputeAll());
  }

  /**
   * The person's 50 best candidates, and their place in the lists of their new candidates and of
   * those who listed them before (others' lists are otherwise left to the nightly pass).
   */
  async recomputeFor(userId: string): Promise<void> {
    // Read under the lock: an opt-out or block committed before it is seen, none can come after.
    await this.prisma.$transaction(async (tx) => {
      await this.candidates.lockLists(tx);
      const profiles = await this.candidates.profilesToScore(tx);
      const excludedPairs = await this.candidates.excludedPairs(tx, userId);
      const listedBy = await this.candidates.listersOf(tx, userId);
      const pool = new CandidatePool(profiles, excludedPairs);
      const index = pool.indexOf(userId);
      if (index === undefined) {
        await this.candidates.deleteAllOf(tx, userId);
        return;
      }
      const eligible = pool.eligibleFor(index);
      const best = bestOf(eligible);
      const bestIds = best.map(({ candidate }) => profiles[candidate].userId);
      await this.candidates.replaceListsOf(tx, [userId], {
        userIds: best.map(() => userId),
        candidateIds: bestIds,
        scores: best.map(({ score }) => score),
      });
      const scoreWith = new Map(
        eligible.map(({ candidate, score }) => [profiles[candidate].userId, score]),
      );
      const listers = [...new Set([...bestIds, ...listedBy])].filter((id) => scoreWith.has(id));
      await this.candidates.mirrorInto(tx, userId, {
        userIds: listers,
        scores: listers.map((id) => scoreWith.get(id)!),
      });
    }, PASS_TRANSACTION);
  }

  /**
   * Every opted-in person's list from scratch: profiles read once, every pair scored in memory,
   * lists written in batches as they are final, while the next ones are scored. Who opts out,
   * blocks or gets matched meanwhile is filtered out as each batch is written; who saves a
   * profile meanwhile is recomputed again at the end.
   */
  async recomputeAll(): Promise<void> {
    await this.refreshUtcHours(new Date());
    await this.prisma.$transaction(async (tx) => {
      await this.candidates.lockLists(tx);
      await this.candidates.deleteListsWithoutProfile(tx);
    }, PASS_TRANSACTION);
    const readAt = new Date(Date.now() - CLOCK_SKEW_MS);
    const profiles = await this.candidates.profilesToScore();
    const pool = new CandidatePool(profiles, await this.candidates.excludedPairs());
    const lists = new BestCandidateLists(profiles.length, CANDIDATES_PER_PERSON);
    let writing: Promise<void> = Promise.resolve();
    for (let from = 0; from < profiles.length; from += OWNERS_PER_WRITE) {
      const to = Math.min(from + OWNERS_PER_WRITE, profiles.length);
      for (let owner = from; owner < to; owner += OWNERS_PER_SLICE) {
        pool.rankPairsFrom(lists, owner, Math.min(owner + OWNERS_PER_SLICE, to));
        // Lets the batch being written make its round trips while scoring goes on.
        await setImmediate();
      }
      await writing;
      writing = this.writeLists(profiles, lists, from, to);
      // Awaited at the next batch; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
    await writing;
    for (const userId of await this.candidates.profilesSavedSince(readAt)) {
      await this.recomputeFor(userId);
    }
  }

  /** Writes the final lists of owners `from`..`to` (indexes into `profiles`). */
  private async writeLists(
    profiles: readonly PoolProfile[],
    lists: BestCandidateLists,
    from: number,
    to: number,
  ): Promise<void> {
    const rows: CandidateRows = { userIds: [], candidateIds: [], scores: [] };
    const owners = profiles.slice(from, to).map((owner, offset) => {
      for (const { candidate, score } of lists.listOf(from + offset)) {
        rows.userIds.push(owner.userId);
        rows.candidateIds.push(profiles[candidate].userId);
        rows.scores.push(score);
      }
      return owner.userId;
    });
    await this.prisma.$transaction(async (tx) => {
      await this.candidates.lockLists(tx);
      await this.candidates.replaceListsOf(tx, owners, rows);
    }, PASS_TRANSACTION);
  }

  /** Converts preferred hours again where the zone's offset is no longer the stored one. */
  private async refreshUtcHours(at: Date): Promise<void> {
    const offsets = (await this.profiles.timezonesInUse())
      .filter((timezone) => IANAZone.isValidZone(timezone))
      .map((timezone) => ({ timezone, utcOffsetMinutes: utcOffsetMinutesOf(timezone, at) }));
    let after: string | null = null;
    for (;;) {
      const stale = await this.profiles.staleUtcHours(offsets, after, PROFILES_PER_UTC_BATCH);
      if (stale.length === 0) return;
      await this.profiles.updateUtcHours(
        stale.map((profile) => ({
          ...profile,
          ...toUtcHours(profile.preferredHours, profile.timezone, at),
        })),
      );
      after = stale[stale.length - 1].userId;
    }
  }
}
