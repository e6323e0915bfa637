import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../database/prisma.service.js';

const LIVE = ['pending', 'active'];

const MATCH_COLUMNS = {
  id: true,
  userAId: true,
  userBId: true,
  status: true,
  compatibilityScore: true,
  createdAt: true,
  userA: { select: { displayName: true } },
  userB: { select: { displayName: true } },
} as const;

export type StoredMatch = NonNullable<Awaited<ReturnType<BuddyMatchesRepository['find']>>>;

/** The rows between two people, whoever is user A. */
const between = (oneId: string, otherId: string) => ({
  OR: [
    { userAId: oneId, userBId: otherId },
    { userAId: otherId, userBId: oneId },
  ],
});

@Injectable()
export class BuddyMatchesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Serialises requests and blocks of one pair for the transaction: a request must not slip in
   * between a block's check for a live match and its insert of the block row.
   */
  async lockPair(tx: Prisma.TransactionClient, oneId: string, otherId: string): Promise<void> {
    const [low, high] = [oneId, otherId].sort();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`mindfulme.buddy_pair:${low}:${high}`}, 0))`;
  }

  async isBlockedEitherWay(tx: Db, oneId: string, otherId: string): Promise<boolean> {
    const row = await tx.buddyMatch.findFirst({
      where: { status: 'blocked', ...between(oneId, otherId) },
      select: { id: true },
    });
    return row !== null;
  }

  async hasLiveMatch(tx: Db, oneId: string, otherId: string): Promise<boolean> {
    const row = await tx.buddyMatch.findFirst({
      where: { status: { in: LIVE }, ...between(oneId, otherId) },
      select: { id: true },
    });
    return row !== null;
  }

  /** The score the candidate pass stored for the pair, if it did. */
  async storedScore(tx: Db, userId: string, candidateId: string): Promise<number | null> {
    const row = await tx.buddyCandidate.findUnique({
      where: { userId_candidateId: { userId, candidateId } },
      select: { compatibilityScore: true },
    });
    return row?.compatibilityScore ?? null;
  }

  createRequest(tx: Db, requesterId: string, targetId: string, compatibilityScore: number) {
    return tx.buddyMatch.create({
      data: { userAId: requesterId, userBId: targetId, compatibilityScore, status: 'pending' },
      select: MATCH_COLUMNS,
    });
  }

  find(id: string) {
    return this.prisma.buddyMatch.findUnique({ where: { id }, select: MATCH_COLUMNS });
  }

  /** The person's pending (either way) and active matches, newest first, `limit + 1` rows. */
  livePage(userId: string, limit: number, cursor?: Cursor) {
    return this.prisma.buddyMatch.findMany({
      where: {
        status: { in: LIVE },
        // AND, not a spread: the cursor is an OR filter too.
        AND: [{ OR: [{ userAId: userId }, { userBId: userId }] }, olderThan(cursor)],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: MATCH_COLUMNS,
    });
  }

  /**
   * Moves the match from `from` to `to` only if it is still in `from` and `where` holds: of two
   * concurrent transitions, one changes the row and the other changes nothing.
   */
  async transition(
    id: string,
    from: string[],
    to: string,
    where: Prisma.BuddyMatchWhereInput,
  ): Promise<boolean> {
    const { count } = await this.prisma.buddyMatch.updateMany({
      where: { id, status: { in: from }, ...where },
      data: { status: to },
    });
    return count === 1;
  }

  /**
   * Turns the pair's live match, if any, into the blocker's block row: user A of a block row is
   * the blocker, so the parties are swapped when the blocked person had asked.
   */
  async blockLiveMatch(tx: Db, blockerId: string, blockedId: string): Promise<boolean> {
    const { count } = await tx.buddyMatch.updateMany({
      where: { status: { in: LIVE }, ...between(blockerId, blockedId) },
      data: { status: 'blocked', userAId: blockerId, userBId: blockedId },
    });
    return count > 0;
  }

  async hasBlocked(tx: Db, blockerId: string, blockedId: string): Promise<boolean> {
    const row = await tx.buddyMatch.findFirst({
      where: { status: 'blocked', userAId: blockerId, userBId: blockedId },
      select: { id: true },
    });
    return row !== null;
  }

  async insertBlock(tx: Db, blockerId: string, blockedId: string): Promise<void> {
    await tx.buddyMatch.create({
      data: { userAId: blockerId, userBId: blockedId, status: 'blocked' },
      select: { id: true },
    });
  }

  async endLiveMatchesOf(tx: Db, userId: string): Promise<void> {
    await tx.buddyMatch.updateMany({
      where: { status: { in: LIVE }, OR: [{ userAId: userId }, { userBId: userId }] },
      data: { status: 'ended' },
    });
  }

  /** Every match the person is in, either side, newest first, for their export. */
  allOf(userId: string) {
    return this.prisma.buddyMatch.findMany({
      where: { OR: [{ userAId: userId }, { userBId: userId }] },
      orderBy: { createdAt: 'desc' },
    });
  }
}
