import { validateSync } from 'class-validator';
import { normaliseEmail } from '../../auth/tokens.js';
import { flattenValidationErrors } from '../../common/problem/validation.js';
import { emailDomainOf } from '../domains/domain-rules.js';
import { departmentAllowed, type OrgSettings, unknownDepartmentMessage } from '../org-settings.js';
import type { BulkEmployeeRowDto, BulkStatus, BulkSummaryDto } from './dto/bulk-employees.dto.js';
import {
  changeStatus,
  diffEmployee,
  type EmployeeChange,
  type EmployeeDiff,
  type EmployeeState,
} from './employee-change.js';

/** A stored member, as a roster row is compared with. */
export interface RosterMember extends EmployeeState {
  id: string;
  userId: string;
  email: string;
}

/** What the rows of a call refer to, read under the organisation's lock. */
export interface RosterState {
  settings: OrgSettings;
  membersByExternalId: Map<string, RosterMember>;
  /** Accounts by email (lower case), with their membership of this organisation if any. */
  accountsByEmail: Map<string, RosterAccount>;
  /** The domains the organisation has verified: the only people it may add or bring back. */
  verifiedDomains: Set<string>;
}

export interface RosterAccount {
  userId: string;
  member: RosterMember | null;
  /** A platform admin's account, which no organisation may provision. */
  platformAdmin?: boolean;
}

/** A row that passed its own checks. */
export interface CheckedRow {
  index: number;
  key: string;
  email: string;
  externalId?: string;
  change: EmployeeChange;
}

interface Planned {
  index: number;
  key: string;
}
export type RowPlan =
  | (Planned & { status: 'error'; error: string })
  | (Planned & { status: 'unchanged'; employeeId?: string })
  | (Planned & {
      status: 'created';
      email: string;
      /** null: no account has this email yet. */
      userId: string | null;
      details: { jobTitle: string | null; department: string | null; externalId: string | null };
    })
  | (Planned & {
      status: 'updated' | 'deactivated';
      employeeId: string;
      userId: string;
      diff: EmployeeDiff;
      next: { jobTitle: string | null; department: string | null; externalId: string | null };
    });

type ErrorPlan = Extract<RowPlan, { status: 'error' }>;

const isError = (row: CheckedRow | ErrorPlan): row is ErrorPlan => 'status' in row;

/**
 * Each row's own checks (the rules on BulkEmployeeRowDto, unknown fields refused) and keys or
 * emails repeated within the call. A row is keyed by its externalId, else by its email.
 */
export function checkRows(rows: BulkEmployeeRowDto[]): Array<CheckedRow | ErrorPlan> {
  const keys = new Map<string, number>();
  const emails = new Map<string, number>();
  return rows.map((row, index) => {
    const email = typeof row.email === 'string' ? normaliseEmail(row.email) : '';
    const key = typeof row.externalId === 'string' ? row.externalId : email;
    const problems = validateSync(row, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length > 0) {
      const reasons = flattenValidationErrors(problems).map((problem) => problem.reason);
      return { index, key, status: 'error', error: reasons.join('; ') };
    }
    const sameKey = keys.get(key);
    if (sameKey !== undefined) {
      return { index, key, status: 'error', error: `Repeats the key of row ${sameKey}.` };
    }
    keys.set(key, index);
    const sameEmail = emails.get(email);
    if (sameEmail !== undefined) {
      return { index, key, status: 'error', error: `Repeats the email of row ${sameEmail}.` };
    }
    emails.set(email, index);
    const change: EmployeeChange = {
      jobTitle: row.jobTitle,
      department: row.department,
      externalId: row.externalId,
      active: row.active,
    };
    return { index, key, email, externalId: row.externalId, change };
  });
}

export function validRows(rows: Array<CheckedRow | ErrorPlan>): CheckedRow[] {
  return rows.filter((row): row is CheckedRow => !isError(row));
}

/** What each row does to what is stored, or why it cannot. */
export function planRows(rows: Array<CheckedRow | ErrorPlan>, state: RosterState): RowPlan[] {
  return rows.map((row) => (isError(row) ? row : planRow(row, state)));
}

function planRow(row: CheckedRow, state: RosterState): RowPlan {
  const { index, key } = row;
  const byExternalId = row.externalId ? state.membersByExternalId.get(row.externalId) : undefined;
  if (byExternalId && byExternalId.email.toLowerCase() !== row.email) {
    return {
      index,
      key,
      status: 'error',
      error: 'This externalId belongs to a member with another email; a sync never changes emails.',
    };
  }
  const account = state.accountsByEmail.get(row.email);
  const member = byExternalId ?? account?.member ?? null;
  const department = row.change.department;
  if (department && department !== member?.department) {
    if (!departmentAllowed(state.settings, department)) {
      return { index, key, status: 'error', error: unknownDepartmentMessage(department) };
    }
  }
  if (!member) {
    // A leaver in a full export who was never a member: nothing to add.
    if (row.change.active === false) return { index, key, status: 'unchanged' };
    const refusal = claimRefusal(row.email, account, state);
    if (refusal) return { index, key, status: 'error', error: refusal };
    return {
      index,
      key,
      status: 'created',
      email: row.email,
      userId: account?.userId ?? null,
      details: {
        jobTitle: row.change.jobTitle ?? null,
        department: department ?? null,
        externalId: row.externalId ?? null,
      },
    };
  }
  const diff = diffEmployee(member, row.change);
  if (diff.membership === 'restart') {
    const refusal = claimRefusal(row.email, account, state);
    if (refusal) return { index, key, status: 'error', error: refusal };
  }
  const status = changeStatus(diff);
  if (status === 'unchanged') return { index, key, status, employeeId: member.id };
  return {
    index,
    key,
    status,
    employeeId: member.id,
    userId: member.userId,
    diff,
    next: {
      jobTitle: diff.fields.jobTitle !== undefined ? diff.fields.jobTitle : member.jobTitle,
      department: diff.fields.department !== undefined ? diff.fields.department : member.department,
      externalId: diff.fields.externalId !== undefined ? diff.fields.externalId : member.externalId,
    },
  };
}

/**
 * Why the organisation may not add (or bring back) the person with this email, or null: only
 * people of its verified domains, and never a platform admin. Anyone else joins by accepting
 * an invitation themselves.
 */
export function claimRefusal(
  email: string,
  account: Pick<RosterAccount, 'platformAdmin'> | undefined,
  state: Pick<RosterState, 'verifiedDomains'>,
): string | null {
  if (account?.platformAdmin) {
    return 'This account is a platform admin, which no organisation can provision.';
  }
  if (!state.verifiedDomains.has(emailDomainOf(email))) {
    return `${emailDomainOf(email)} is not a domain this organisation has verified: invite the person instead (POST /v1/orgs/{orgId}/invitations).`;
  }
  return null;
}

export function summarise(plans: Array<{ status: BulkStatus }>): BulkSummaryDto {
  const count = (status: BulkStatus) => plans.filter((plan) => plan.status === status).length;
  return {
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    deactivated: count('deactivated'),
    errors: count('error'),
  };
}
