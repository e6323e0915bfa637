import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';

/** The longest candidate list a person keeps. */
export const CANDIDATES_PER_PERSON = 50;
/** Timezones further apart than this must share an interest to be considered at all. */
const NEARBY_OFFSET_MINUTES = 180;

/**
 * How much `o` and `c` (two buddy_profiles rows) have in common, as the integer parts of the
 * ratios the score is made of. Denominators are at least 1: a ratio over two empty sets is 0.
 */
const pairCountsSql = Prisma.sql`
  SELECT (SELECT count(*) FROM (SELECT unnest(o.interests) INTERSECT SELECT unnest(c.interests)) s)::int AS shared_interests,
         GREATEST((SELECT count(*) FROM (SELECT unnest(o.interests) UNION SELECT unnest(c.interests)) s), 1)::int AS all_interests,
         (SELECT count(*) FROM (SELECT unnest(o.utc_hours) INTERSECT SELECT unnest(c.utc_hours)) s)::int AS shared_hours,
         GREATEST(LEAST((SELECT count(DISTINCT h) FROM unnest(o.utc_hours) h),
                        (SELECT count(DISTINCT h) FROM unnest(c.utc_hours) h)), 1)::int AS fewer_hours,
         (SELECT count(*) FROM (SELECT unnest(o.goals) INTERSECT SELECT unnest(c.goals)) s)::int AS shared_goals,
         GREATEST((SELECT count(*) FROM (SELECT unnest(o.goals) UNION SELECT unnest(c.goals)) s), 1)::int AS all_goals`;

/**
 * `compatibilityScore` of compatibility.ts in SQL, over the counts `n` of `pairCountsSql`:
 * 0.5 * J(interests) + 0.3 * H + 0.2 * J(goals) as one fraction of integers, so that numeric
 * division and round(_, 4) land exactly where the TypeScript function does.
 */
export const compatibilityScoreSql = Prisma.sql`
  round((5 * n.shared_interests * n.fewer_hours * n.all_goals
       + 3 * n.shared_hours * n.all_interests * n.all_goals
       + 2 * n.shared_goals * n.all_interests * n.fewer_hours)::numeric
      / (10 * n.all_interests * n.fewer_hours * n.all_goals), 4)::float8`;

/**
 * Every eligible pair (user_id = one of `ownerIds`, candidate_id) with its score: both opted in,
 * sharing an interest (GIN `&&`) or living within three hours of each other, and neither blocked
 * nor already in a pending or active match, whoever asked.
 */
function eligibleCandidatesOf(ownerIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT o.user_id, c.user_id AS candidate_id, ${compatibilityScoreSql} AS compatibility_score
      FROM buddy_profiles o
      JOIN buddy_profiles c
        ON c.user_id <> o.user_id
       AND (c.interests && o.interests
            OR c.utc_offset_minutes BETWEEN o.utc_offset_minutes - ${NEARBY_OFFSET_MINUTES}
                                        AND o.utc_offset_minutes + ${NEARBY_OFFSET_MINUTES})
     CROSS JOIN LATERAL (${pairCountsSql}) n
     WHERE o.user_id = ANY(${ownerIds}::uuid[])
       AND NOT EXISTS (
             SELECT 1 FROM buddy_matches m
              WHERE m.status IN ('pending', 'active', 'blocked')
                AND ((m.user_a_id = o.user_id AND m.user_b_id = c.user_id)
                  OR (m.user_a_id = c.user_id AND m.user_b_id = o.user_id)))`;
}

/** Deletes every row past the 50 best of each list that `where` selects (ties by candidate id). */
function trimListsSql(ownersWhere: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    DELETE FROM buddy_candidates b
     USING (SELECT user_id, candidate_id,
                   row_number() OVER (PARTITION BY user_id
                                      ORDER BY compatibility_score DESC, candidate_id) AS rank
              FROM buddy_candidates
             WHERE ${ownersWhere}) ranked
     WHERE b.user_id = ranked.user_id
       AND b.candidate_id = ranked.candidate_id
       AND ranked.rank > ${CANDIDATES_PER_PERSON}`;
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

  /** Replaces the lists of `ownerIds` with their 50 best eligible candidates. */
  async replaceListsOf(tx: Db, ownerIds: string[]): Promise<void> {
    await tx.$executeRaw`DELETE FROM buddy_candidates WHERE user_id = ANY(${ownerIds}::uuid[])`;
    await tx.$executeRaw`
      INSERT INTO buddy_candidates (user_id, candidate_id, compatibility_score)
      SELECT user_id, candidate_id, compatibility_score
        FROM (SELECT s.*, row_number() OVER (PARTITION BY s.user_id
                                             ORDER BY s.compatibility_score DESC, s.candidate_id) AS rank
                FROM (${eligibleCandidatesOf(ownerIds)}) s) ranked
       WHERE rank <= ${CANDIDATES_PER_PERSON}`;
  }

  /**
   * Brings the lists that name `userId` up to date with their profile: the person's new
   * candidates list them back with the same score, lists that held them get the new score or lose
   * them when the pair is no longer eligible, then each touched list keeps its 50 best.
   */
  async mirrorInto(tx: Db, userId: string): Promise<void> {
    const eligible = eligibleCandidatesOf([userId]);
    await tx.$executeRaw`
      DELETE FROM buddy_candidates r
       WHERE r.candidate_id = ${userId}::uuid
         AND r.user_id NOT IN (SELECT s.candidate_id FROM (${eligible}) s)`;
    await tx.$executeRaw`
      INSERT INTO buddy_candidates (user_id, candidate_id, compatibility_score)
      SELECT s.candidate_id, s.user_id, s.compatibility_score
        FROM (${eligible}) s
       WHERE EXISTS (SELECT 1 FROM buddy_candidates f
                      WHERE f.user_id = ${userId}::uuid AND f.candidate_id = s.candidate_id)
          OR EXISTS (SELECT 1 FROM buddy_candidates r
                      WHERE r.user_id = s.candidate_id AND r.candidate_id = ${userId}::uuid)
      ON CONFLICT (user_id, candidate_id) DO UPDATE
         SET compatibility_score = EXCLUDED.compatibility_score, created_at = now()`;
    await tx.$executeRaw(
      trimListsSql(
        Prisma.sql`user_id IN (SELECT user_id FROM buddy_candidates WHERE candidate_id = ${userId}::uuid)`,
      ),
    );
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

  /** Opted-in people after `afterUserId` in id order: the full pass walks them in batches. */
  async optedInAfter(afterUserId: string | null, batchSize: number): Promise<string[]> {
    const rows = await this.prisma.buddyProfile.findMany({
      where: afterUserId ? { userId: { gt: afterUserId } } : {},
      orderBy: { userId: 'asc' },
      take: batchSize,
      select: { userId: true },
    });
    return rows.map((row) => row.userId);
  }
}
