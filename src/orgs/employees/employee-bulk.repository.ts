import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RosterMember } from './employee-bulk.js';
import type { MembershipMove } from './employee-change.js';

type Tx = Prisma.TransactionClient;

export interface MemberInsert {
  userId: string;
  anonymizedId: string;
  jobTitle: string | null;
  department: string | null;
  externalId: string | null;
}

export interface MemberUpdate {
  id: string;
  jobTitle: string | null;
  department: string | null;
  externalId: string | null;
  membership: MembershipMove;
}

/**
 * The set-based statements of an HR sync: each reads or writes all rows of a call at once
 * (arrays unnested in SQL), so a 10,000-row roster is a handful of round trips.
 */
@Injectable()
export class EmployeeBulkRepository {
  membersByExternalIds(tx: Tx, orgId: string, externalIds: string[]): Promise<RosterMember[]> {
    return tx.$queryRaw<RosterMember[]>`
      SELECT e.id, e.user_id AS "userId", u.email::text AS email, e.display_name AS "displayName",
             e.org_role AS "orgRole", e.job_title AS "jobTitle", e.department,
             e.external_id AS "externalId", e.ended_at AS "endedAt"
        FROM employees e JOIN users u ON u.id = e.user_id
       WHERE e.org_id = ${orgId}::uuid AND e.external_id = ANY(${externalIds}::text[])`;
  }

  /** Accounts with these emails (compared as citext), each with its membership here if any. */
  async accountsByEmails(tx: Tx, orgId: string, emails: string[]) {
    const rows = await tx.$queryRaw<
      Array<RosterMember & { employeeId: string | null; platformAdmin: boolean }>
    >`
      SELECT u.id AS "userId", u.email::text AS email, e.display_name AS "displayName",
             coalesce(e.org_role, 'member') AS "orgRole", u.role = 'admin' AS "platformAdmin",
             e.id AS "employeeId", e.job_title AS "jobTitle", e.department,
             e.external_id AS "externalId", e.ended_at AS "endedAt"
        FROM users u
        LEFT JOIN employees e ON e.user_id = u.id AND e.org_id = ${orgId}::uuid
       WHERE u.email = ANY(${emails}::citext[])`;
    return rows.map(({ employeeId, platformAdmin, ...row }) => ({
      userId: row.userId,
      email: row.email,
      platformAdmin,
      member: employeeId ? { ...row, id: employeeId } : null,
    }));
  }

  /**
   * Adds the memberships and answers their ids by user id. A membership that appeared since the
   * roster was read (a first SSO sign-in does not take the organisation's lock) takes the row's
   * details instead of failing the call.
   */
  async insertMembers(tx: Tx, orgId: string, rows: MemberInsert[]) {
    if (rows.length === 0) return new Map<string, string>();
    const column = <K extends keyof MemberInsert>(key: K) => rows.map((row) => row[key]);
    const inserted = await tx.$queryRaw<Array<{ id: string; userId: string }>>`
      INSERT INTO employees (org_id, user_id, anonymized_id, job_title, department, external_id)
      SELECT ${orgId}::uuid, v.user_id, v.anonymized_id, v.job_title, v.department, v.external_id
        FROM unnest(${column('userId')}::uuid[], ${column('anonymizedId')}::text[],
                    ${column('jobTitle')}::text[], ${column('department')}::text[],
                    ${column('externalId')}::text[])
             AS v(user_id, anonymized_id, job_title, department, external_id)
      ON CONFLICT (org_id, user_id) DO UPDATE
         SET job_title = EXCLUDED.job_title, department = EXCLUDED.department,
             external_id = EXCLUDED.external_id, ended_at = NULL, updated_at = now()
      RETURNING id, user_id AS "userId"`;
    return new Map(inserted.map((row) => [row.userId, row.id]));
  }

  /** Writes each member's new details and ends or restarts memberships, in one statement. */
  async updateMembers(tx: Tx, orgId: string, rows: MemberUpdate[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof MemberUpdate>(key: K) => rows.map((row) => row[key]);
    await tx.$executeRaw`
      UPDATE employees e
         SET job_title = v.job_title, department = v.department, external_id = v.external_id,
             ended_at = CASE v.membership WHEN 'end' THEN now()
                                          WHEN 'restart' THEN NULL
                                          ELSE e.ended_at END,
             updated_at = now()
        FROM unnest(${column('id')}::uuid[], ${column('jobTitle')}::text[],
                    ${column('department')}::text[], ${column('externalId')}::text[],
                    ${column('membership')}::text[])
             AS v(id, job_title, department, external_id, membership)
       WHERE e.id = v.id AND e.org_id = ${orgId}::uuid`;
  }
}
