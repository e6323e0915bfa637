import { PoolStatement } from '../database/pool-statement.js';

/**
 * Whether a person leads the organisation: its admin, or an active member whose membership says
 * manager. One row when the organisation exists. On the pool (PoolStatement) because every
 * dashboard and survey-results request asks it first; Prisma answered it in two statements (the
 * organisation, then its employees).
 */
export const ORG_LEADERSHIP = new PoolStatement<
  [orgId: string, userId: string],
  { leads: boolean }
>(
  `SELECT coalesce(o.admin_user_id = $2::uuid, false)
                 OR EXISTS (SELECT 1 FROM employees e
                      WHERE e.org_id = o.id AND e.user_id = $2::uuid
                        AND e.ended_at IS NULL AND e.org_role = 'manager') AS leads
     FROM organizations o
    WHERE o.id = $1::uuid`,
);
