import { PoolStatement } from '../database/pool-statement.js';

/**
 * The session check every authenticated request makes (JwtStrategy), through the pool rather
 * than Prisma: one row when the session (refresh-token family) is still open for this person.
 */
export const LIVE_SESSION = new PoolStatement<[familyId: string, userId: string], { live: number }>(
  `SELECT 1 AS live FROM refresh_tokens
    WHERE family_id = $1::uuid AND user_id = $2::uuid AND expires_at > now()
    LIMIT 1`,
);
