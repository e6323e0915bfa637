import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { BuddyCandidatesRepository } from './buddy-candidates.repository.js';
import { RECOMPUTE_CANDIDATES } from './buddies.jobs.js';
import { Outbox } from '../jobs/outbox.js';
import { BuddyMatchesRepository } from './buddy-matches.repository.js';
import { UsersService } from '../auth/users.service.js';
import { BuddyProfilesRepository } from './buddy-profiles.repository.js';
import type {
  BuddyProfileDto,
  BuddySuggestionPageDto,
  SaveBuddyProfileDto,
} from './dto/buddy-profile.dto.js';
import { toUtcHours } from './utc-hours.js';

export const NOT_OPTED_IN = 'You have not opted in to buddy matching.';
export const OPT_IN_FIRST = 'Opt in first: save your buddy profile with PUT /v1/buddies/profile.';

type StoredProfile = NonNullable<Awaited<ReturnType<BuddyProfilesRepository['find']>>>;

/** Opting in and out of buddy matching, and reading the suggestions the passes stored. */
@Injectable()
export class BuddyProfilesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly profiles: BuddyProfilesRepository,
    private readonly candidates: BuddyCandidatesRepository,
    private readonly matches: BuddyMatchesRepository,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  /** Opts in or replaces the profile; candidates are recomputed in the background. */
  async save(userId: string, input: SaveBuddyProfileDto): Promise<BuddyProfileDto> {
    const timezone = input.timezone ?? (await this.accountTimezone(userId));
    const preferredHours = [...input.preferredHours].sort((a, b) => a - b);
    // The recompute is queued through the outbox in the same transaction: a saved profile always
    // gets its candidate list, even if the process stops right after the commit.
    const saved = await this.prisma.$transaction(async (tx) => {
      const profile = await this.profiles.save(
        userId,
        {
          interests: input.interests,
          goals: input.goals ?? [],
          preferredHours,
          timezone,
          ...toUtcHours(preferredHours, timezone, new Date()),
        },
        tx,
      );
      await this.outbox.add(tx, RECOMPUTE_CANDIDATES, userId, { userId });
      return profile;
    });
    return toProfileDto(saved);
  }

  async get(userId: string): Promise<BuddyProfileDto> {
    const profile = await this.profiles.find(userId);
    if (!profile) throw new NotFoundException(NOT_OPTED_IN);
    return toProfileDto(profile);
  }

  /**
   * Opts out: the profile and every candidate row naming the person go, their pending and active
   * matches end. Blocks stay, in both directions, so opting in again does not undo them.
   */
  async optOut(userId: string): Promise<void> {
    // One transaction under the lists lock: a recompute running now cannot write the person back.
    await this.prisma.$transaction(async (tx) => {
      await this.candidates.lockLists(tx);
      if (!(await this.profiles.delete(tx, userId))) throw new NotFoundException(NOT_OPTED_IN);
      await this.candidates.deleteAllOf(tx, userId);
      await this.matches.endLiveMatchesOf(tx, userId);
    });
  }

  /** The stored best candidates; never scored here, so a request costs one indexed read. */
  /** The `limit` best: the whole answer, so there is never a next page. */
  async suggestions(userId: string, limit: number): Promise<BuddySuggestionPageDto> {
    if (!(await this.profiles.find(userId))) throw new ConflictException(OPT_IN_FIRST);
    return { items: await this.profiles.suggestionsFor(userId, limit), nextCursor: null };
  }

  private async accountTimezone(userId: string): Promise<string> {
    const timezone = (await this.users.find(userId))?.timezone;
    if (!timezone) throw new UnauthorizedException('This account no longer exists.');
    return timezone;
  }
}

function toProfileDto(profile: StoredProfile): BuddyProfileDto {
  return {
    interests: profile.interests,
    goals: profile.goals,
    preferredHours: profile.preferredHours,
    timezone: profile.timezone,
    updatedAt: profile.updatedAt,
  };
}
