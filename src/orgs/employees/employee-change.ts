/** What an organisation may lead as: a plain member, or a manager who sees its aggregates. */
export const ORG_ROLES = ['member', 'manager'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/**
 * What a membership holds that the organisation may change, and whether it has ended. All of
 * it lives on the membership: the organisation never writes the person's own account.
 */
export interface EmployeeState {
  jobTitle: string | null;
  department: string | null;
  externalId: string | null;
  /** The name the organisation knows the person by. */
  displayName: string | null;
  orgRole: OrgRole;
  endedAt: Date | null;
}

/** A change asked for: a field left out stays as it is; null clears it. */
export interface EmployeeChange {
  jobTitle?: string | null;
  department?: string | null;
  externalId?: string | null;
  displayName?: string | null;
  orgRole?: OrgRole;
  /** false ends the membership, true starts it again. */
  active?: boolean;
}

export type MembershipMove = 'end' | 'restart' | 'keep';

const MEMBERSHIP_FIELDS = [
  'jobTitle',
  'department',
  'externalId',
  'displayName',
  'orgRole',
] as const;
type MembershipField = (typeof MEMBERSHIP_FIELDS)[number];

/** Only what actually differs: applying it twice changes nothing the second time. */
export interface EmployeeDiff {
  fields: Partial<Pick<EmployeeState, MembershipField>>;
  membership: MembershipMove;
  changed: boolean;
}

export function diffEmployee(current: EmployeeState, change: EmployeeChange): EmployeeDiff {
  const fields: Record<string, unknown> = {};
  for (const field of MEMBERSHIP_FIELDS) {
    const wanted = change[field];
    if (wanted !== undefined && wanted !== current[field]) fields[field] = wanted;
  }
  const ended = current.endedAt !== null;
  const membership: MembershipMove =
    change.active === false && !ended
      ? 'end'
      : change.active === true && ended
        ? 'restart'
        : 'keep';
  const changed = Object.keys(fields).length > 0 || membership !== 'keep';
  return { fields: fields as EmployeeDiff['fields'], membership, changed };
}

/** How a bulk row or a SCIM request reports the outcome of a change. */
export function changeStatus(diff: EmployeeDiff): 'deactivated' | 'updated' | 'unchanged' {
  if (diff.membership === 'end') return 'deactivated';
  return diff.changed ? 'updated' : 'unchanged';
}
