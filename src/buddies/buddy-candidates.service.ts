import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { PrismaService } from '../database/prisma.service.js';
import { JobRegistry } from '../jobs/job-registry.js';
import { BuddyCandidatesRepository } from './buddy-candidates.repository.js';
import { BuddyProfilesRepository } from './buddy-profiles.repository.js';
import { toUtcHours, utcOffsetMinutesOf } from './utc-hours.js';

export const RECOMPUTE_CANDIDATES = 'buddies.recompute-candidates';
export const RECOMPUTE_ALL = 'buddies.recompute-all';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Small enough that a batch stays far inside its transaction timeout at 10,000 people (the
 * benchmark measured 45 s for 100 people there, against a 60 s timeout).
 */
const OWNERS_PER_BATCH = 20;
const PROFILES_PER_UTC_BATCH = 500;
/** A pass waits its turn for the lists lock, then scores a batch: more than Prisma's 5 s default. */
const PASS_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

/**
 * Keeps the stored candidate lists that suggestions read: one person's list (and the lists that
 * name them) after they save their profile, and every list once a day, after converting preferred
 * hours again for zones whose offset changed (daylight saving). Both jobs are idempotent: they
 * rebuild from the profiles and matches, so running one twice leaves the same rows.
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
    this.jobs.register<{ userId?: unknown }>({
      name: RECOMPUTE_CANDIDATES,
      queue: 'buddy-compatibility',
      key: ({ userId }) => String(userId),
      coalesceMs: 500,
      handle: async ({ userId }) => {
        if (typeof userId !== 'string') throw new Error(`${RECOMPUTE_CANDIDATES} needs a userId.`);
        await this.recomputeFor(userId);
      },
    });
    this.jobs.register({
      name: RECOMPUTE_ALL,
      queue: 'buddy-compatibility',
      everyMs: DAY_MS,
      handle: () => this.recomputeAll(),
    });
  }

  /** The person's 50 best candidates, and their place in their candidates' lists. */
  async recomputeFor(userId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.candidates.lockLists(tx);
      await this.candidates.replaceListsOf(tx, [userId]);
      await this.candidates.mirrorInto(tx, userId);
    }, PASS_TRANSACTION);
  }

  /** Every opted-in person's list from scratch, in batches of people, each batch in SQL. */
  async recomputeAll(): Promise<void> {
    await this.refreshUtcHours(new Date());
    await this.prisma.$transaction(async (tx) => {
      await this.candidates.lockLists(tx);
      await this.candidates.deleteListsWithoutProfile(tx);
    }, PASS_TRANSACTION);
    let after: string | null = null;
    for (;;) {
      const owners = await this.candidates.optedInAfter(after, OWNERS_PER_BATCH);
      if (owners.length === 0) return;
      await this.prisma.$transaction(async (tx) => {
        await this.candidates.lockLists(tx);
        await this.candidates.replaceListsOf(tx, owners);
      }, PASS_TRANSACTION);
      after = owners[owners.length - 1];
    }
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
