import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import { PrismaService } from '../database/prisma.service.js';
import { BuddyCandidatesRepository } from './buddy-candidates.repository.js';
import { UsersService } from '../auth/users.service.js';
import { BuddyMatchesRepository, type StoredMatch } from './buddy-matches.repository.js';
import { BuddyProfilesRepository } from './buddy-profiles.repository.js';
import { OPT_IN_FIRST } from './buddy-profiles.service.js';
import { compatibilityScore } from './compatibility.js';
import type {
  BuddyMatchDto,
  BuddyMatchPageDto,
  VisibleMatchStatus,
} from './dto/buddy-match.dto.js';
import { isUniqueViolation } from '../database/unique-violation.js';

const NO_SUCH_BUDDY = 'No one with this id is open to buddy requests.';
const NO_SUCH_MATCH = 'No such match.';
const ALREADY_MATCHED = 'You two already have a pending or active match.';

interface Transition {
  verb: string;
  from: string[];
  to: VisibleMatchStatus;
  /** Only the person asked may answer; otherwise either party may. */
  recipientOnly: boolean;
}

const ACCEPT: Transition = {
  verb: 'accepted',
  from: ['pending'],
  to: 'active',
  recipientOnly: true,
};
const DECLINE: Transition = {
  verb: 'declined',
  from: ['pending'],
  to: 'declined',
  recipientOnly: true,
};
const END: Transition = {
  verb: 'ended',
  from: ['pending', 'active'],
  to: 'ended',
  recipientOnly: false,
};

/**
 * Buddy requests, their answers, and blocks. A block is never revealed to the person blocked:
 * to them the blocker looks like someone who is not opted in (404), and the block row is no match
 * they can see or act on. Blocks are permanent: there is no unblock.
 */
@Injectable()
export class BuddyMatchesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly matches: BuddyMatchesRepository,
    private readonly profiles: BuddyProfilesRepository,
    private readonly candidates: BuddyCandidatesRepository,
    private readonly users: UsersService,
  ) {}

  async request(requesterId: string, targetId: string): Promise<BuddyMatchDto> {
    if (requesterId === targetId)
      throw new UnprocessableEntityException('You cannot be your own buddy.');
    try {
      const match = await this.prisma.$transaction(async (tx) => {
        await this.matches.lockPair(tx, requesterId, targetId);
        const mine = await this.profiles.find(requesterId, tx);
        if (!mine) throw new ConflictException(OPT_IN_FIRST);
        const theirs = await this.profiles.find(targetId, tx);
        if (!theirs || (await this.matches.isBlockedEitherWay(tx, requesterId, targetId)))
          throw new NotFoundException(NO_SUCH_BUDDY);
        if (await this.matches.hasLiveMatch(tx, requesterId, targetId))
          throw new ConflictException(ALREADY_MATCHED);
        const score =
          (await this.matches.storedScore(tx, requesterId, targetId)) ??
          compatibilityScore(mine, theirs);
        return this.matches.createRequest(tx, requesterId, targetId, score);
      });
      return toMatchDto(match, requesterId);
    } catch (error) {
      // The unique index on the unordered pair is the last word should two requests race.
      if (isUniqueViolation(error)) throw new ConflictException(ALREADY_MATCHED);
      throw error;
    }
  }

  async list(userId: string, query: CursorQueryDto): Promise<BuddyMatchPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.matches.livePage(userId, limit, cursor);
    return toPage(rows, limit, (match) => toMatchDto(match, userId));
  }

  accept(userId: string, matchId: string): Promise<BuddyMatchDto> {
    return this.move(userId, matchId, ACCEPT);
  }

  decline(userId: string, matchId: string): Promise<BuddyMatchDto> {
    return this.move(userId, matchId, DECLINE);
  }

  end(userId: string, matchId: string): Promise<BuddyMatchDto> {
    return this.move(userId, matchId, END);
  }

  /**
   * The caller blocks someone: a live match between them becomes the block, or a block row is
   * added; their candidate rows go both ways. Blocking twice changes nothing.
   */
  async block(blockerId: string, blockedId: string): Promise<void> {
    if (blockerId === blockedId)
      throw new UnprocessableEntityException('You cannot block yourself.');
    await this.prisma.$transaction(async (tx) => {
      await this.matches.lockPair(tx, blockerId, blockedId);
      await this.candidates.lockLists(tx);
      if (!(await this.users.exists(blockedId, tx))) throw new NotFoundException('No such person.');
      const converted = await this.matches.blockLiveMatch(tx, blockerId, blockedId);
      if (!converted && !(await this.matches.hasBlocked(tx, blockerId, blockedId)))
        await this.matches.insertBlock(tx, blockerId, blockedId);
      await this.candidates.deletePair(tx, blockerId, blockedId);
    });
  }

  /** Applies `transition` if the row is still in a state it starts from; explains why not. */
  private async move(userId: string, matchId: string, transition: Transition) {
    const party = transition.recipientOnly
      ? { userBId: userId }
      : { OR: [{ userAId: userId }, { userBId: userId }] };
    const moved = await this.matches.transition(matchId, transition.from, transition.to, party);
    const match = await this.matches.find(matchId);
    // The state this call set, even if a block has followed it: that must not show through.
    if (moved && match) return toMatchDto({ ...match, status: transition.to }, userId);
    const isParty = match && (match.userAId === userId || match.userBId === userId);
    if (!match || !isParty || match.status === 'blocked')
      throw new NotFoundException(NO_SUCH_MATCH);
    if (transition.recipientOnly && match.userBId !== userId)
      throw new ForbiddenException('Only the person who was asked can answer a request.');
    throw new ConflictException(
      `This match is ${match.status}; only a ${transition.from.join(' or ')} match can be ${transition.verb}.`,
    );
  }

  /** The person's matches, for their export. */
  exportAll(userId: string) {
    return this.matches.allOf(userId);
  }
}

function toMatchDto(match: StoredMatch, viewerId: string): BuddyMatchDto {
  const outgoing = match.userAId === viewerId;
  return {
    id: match.id,
    userId: outgoing ? match.userBId : match.userAId,
    displayName: outgoing ? match.userB.displayName : match.userA.displayName,
    status: match.status as VisibleMatchStatus,
    direction: outgoing ? 'outgoing' : 'incoming',
    compatibilityScore: match.compatibilityScore,
    createdAt: match.createdAt,
  };
}
