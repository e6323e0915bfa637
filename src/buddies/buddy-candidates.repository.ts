import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { CANDIDATES_PER_PERSON, type PoolProfile } from './candidate-pool.js';

/** Matches that keep two people out of each other's lists. */
const EXCLUDING_STATUSES = ['pending', 'active', 'blocked'];

/** Rows of candidate lists as parallel arrays, the shape `unnest` reads them in. */
export interface CandidateRows {
  userIds: string[];
  candidateIds: string[];
  scores: number[];
}

/**
 * Deletes every row past the 50 best of the lists of `ownerIds` (ties by candidate id). Each
 * list is read through its index: as a join over the whole table the planner would scan it.
 */
function trimListsSql(ownerIds: string[]): Prisma.Sql {
  return Prisma.sql`
    DELETE FROM buddy_candidates b
     USING unnest(${ownerIds}::uuid[]) AS o(user_id)
     CROSS JOIN LATERAL (SELECT c.candidate_id
                           FROM buddy_candidates c
                          WHERE c.user_id = o.user_id
                          ORDER BY c.compatibility_score DESC, c.candidate_id
                         OFFSET ${CANDIDATES_PER_PERSON}) extra
     WHERE b.user_id = o.user_id
       AND b.candidate_id = extra.candidate_id`;
}

/** The scored candidate lists, written only by the passes here, opt-out and blocks. */
@Injectable()
export class BuddyCandidatesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Every write to candidate lists takes this lock for its transaction. A person's recompute
   * also rewrites the lists of their candidates, so two recomputes touch each other's rows in
   * opposite orders and would deadlock; opt-out and blocks must not be undone by a recompute
   * that read the profiles before them. Each holder is short, so waiting in turn is cheap.
   */
  async lockLists(tx: Prisma.TransactionClient): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('mindfulme.buddy_candidates', 0))`;
  }

  /**
   * Every opted-in person's traits, in user id order (the order ties are broken in). Read as one
   * JSON array of arrays: Prisma turns 10,000 rows of arrays into objects in about 200 ms.
   */
  async profilesToScore(db: Db = this.prisma): Promise<PoolProfile[]> {
    const [{ profiles }] = await db.$queryRaw<
      [{ profiles: Array<[string, string[], string[], number[], number]> | null }]
    >`
      SELECT json_agg(json_build_array(user_id, interests, goals, utc_hours, utc_offset_minutes)
                      ORDER BY user_id) AS profiles
        FROM buddy_profiles`;
    return (profiles ?? []).map(([userId, interests, goals, utcHours, utcOffsetMinutes]) => ({
      userId,
      interests,
      goals,
      utcHours,
      utcOffsetMinutes,
    }));
  }

  /** Who lists `userId` as a candidate now. */
  async listersOf(db: Db, userId: string): Promise<string[]> {
    const rows = await db.buddyCandidate.findMany({
      where: { candidateId: userId },
      select: { userId: true },
    });
    return rows.map((row) => row.userId);
  }

  /** Pairs blocked or in a pending or active match, everyone's or only those of `userId`. */
  async excludedPairs(db: Db = this.prisma, userId?: string): Promise<Array<[string, string]>> {
    const matches = await db.buddyMatch.findMany({
      where: {
        status: { in: EXCLUDING_STATUSES },
        ...(userId ? { OR: [{ userAId: userId }, { userBId: userId }] } : {}),
      },
      select: { userAId: true, userBId: true },
    });
    return matches.map((match) => [match.userAId, match.userBId]);
  }

  /** People whose profile was saved at or after `since`. */
  async profilesSavedSince(since: Date): Promise<string[]> {
    const rows = await this.prisma.buddyProfile.findMany({
      where: { updatedAt: { gte: since } },
      select: { userId: true },
      orderBy: { userId: 'asc' },
    });
    return rows.map((row) => row.userId);
  }

  /**
   * Makes the lists of `ownerIds` exactly `rows`, scored from profiles read before this
   * transaction: rows whose owner or candidate has opted out since, or whose pair has been
   * blocked or matched since, are left out here rather than written back. Unchanged rows are
   * not rewritten, so a repeated pass over unchanged profiles writes next to nothing. Columns go
   * as one comma-separated text each: Prisma sends a 25,000-element array parameter several
   * times slower.
   */
  async replaceListsOf(tx: Db, ownerIds: string[], rows: CandidateRows): Promise<void> {
    await tx.$executeRaw`
      WITH wanted AS (
        SELECT n.user_id, n.candidate_id, n.compatibility_score
          FROM unnest(string_to_array(${rows.userIds.join(',')}, ',')::uuid[],
                      string_to_array(${rows.candidateIds.join(',')}, ',')::uuid[],
                      string_to_array(${rows.scores.join(',')}, ',')::float8[])
               AS n(user_id, candidate_id, compatibility_score)
         WHERE EXISTS (SELECT 1 FROM buddy_profiles p WHERE p.user_id = n.user_id)
           AND EXISTS (SELECT 1 FROM buddy_profiles p WHERE p.user_id = n.candidate_id)
           AND NOT EXISTS (SELECT 1 FROM buddy_matches m
                            WHERE m.status = ANY(${EXCLUDING_STATUSES}::text[])
                              AND m.user_a_id = n.user_id AND m.user_b_id = n.candidate_id)
           AND NOT EXISTS (SELECT 1 FROM buddy_matches m
                            WHERE m.status = ANY(${EXCLUDING_STATUSES}::text[])
                              AND m.user_a_id = n.candidate_id AND m.user_b_id = n.user_id)
      ), dropped AS (
        DELETE FROM buddy_candidates b
         WHERE b.user_id = ANY(${ownerIds}::uuid[])
           AND NOT EXISTS (SELECT 1 FROM wanted w
                            WHERE w.user_id = b.user_id AND w.candidate_id = b.candidate_id)
      )
      INSERT INTO buddy_candidates (user_id, candidate_id, compatibility_score)
      SELECT user_id, candidate_id, compatibility_score FROM wanted
      ON CONFLICT (user_id, candidate_id) DO UPDATE
         SET compatibility_score = EXCLUDED.compatibility_score, created_at = now()
       WHERE buddy_candidates.compatibility_score <> EXCLUDED.compatibility_score`;
  }

  /**
   * Writes `userId` into the lists of `listers` with the pair's score, takes them out of every
   * other list, then each list naming them keeps its 50 best.
   */
  async mirrorInto(
    tx: Db,
    userId: string,
    listers: { userIds: string[]; scores: number[] },
  ): Promise<void> {
    await tx.$executeRaw`
      DELETE FROM buddy_candidates
       WHERE candidate_id = ${userId}::uuid
         AND NOT (user_id = ANY(${listers.userIds}::uuid[]))`;
    await tx.$executeRaw`
      INSERT INTO buddy_candidates (user_id, candidate_id, compatibility_score)
      SELECT n.user_id, ${userId}::uuid, n.compatibility_score
        FROM unnest(${listers.userIds}::uuid[], ${listers.scores}::float8[])
             AS n(user_id, compatibility_score)
      ON CONFLICT (user_id, candidate_id) DO UPDATE
         SET compatibility_score = EXCLUDED.compatibility_score, created_at = now()
       WHERE buddy_candidates.compatibility_score <> EXCLUDED.compatibility_score`;
    await tx.$executeRaw(trimListsSql(listers.userIds));
  }

  /** Removes the person from every list, theirs and others'. */
  async deleteAllOf(tx: Db, userId: string): Promise<void> {
    await tx.$executeRaw`
      DELETE FROM buddy_candidates WHERE user_id = ${userId}::uuid OR candidate_id = ${userId}::uuid`;
  }

  async deletePair(tx: Db, oneId: string, otherId: string): Promise<void> {
    await tx.$executeRaw`
      DELETE FROM buddy_candidates
       WHERE (user_id = ${oneId}::uuid AND candidate_id = ${otherId}::uuid)
          OR (user_id = ${otherId}::uuid AND candidate_id = ${oneId}::uuid)`;
  }

  /** Lists left by people who are no longer opted in (an opt-out that raced a recompute). */
  async deleteListsWithoutProfile(tx: Db): Promise<void> {
    await tx.$executeRaw`
      DELETE FROM buddy_candidates b
       WHERE NOT EXISTS (SELECT 1 FROM buddy_profiles p WHERE p.user_id = b.user_id)`;
  }
}
