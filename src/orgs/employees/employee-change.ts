/** What a membership holds that HR may change, and whether it has ended. */
export interface EmployeeState {
  jobTitle: string | null;
  department: string | null;
  externalId: string | null;
  /** The person's display name, on their account. */
  displayName: string | null;
  endedAt: Date | null;
}

/** A change asked for: a field left out stays as it is; null clears it. */
export interface EmployeeChange {
  jobTitle?: string | null;
  department?: string | null;
  externalId?: string | null;
  displayName?: string | null;
  /** false ends the membership, true starts it again. */
  active?: boolean;
}

export type MembershipMove = 'end' | 'restart' | 'keep';

/** Only what actually differs: applying it twice changes nothing the second time. */
export interface EmployeeDiff {
  fields: Partial<Pick<EmployeeState, 'jobTitle' | 'department' | 'externalId'>>;
  displayName?: string | null;
  membership: MembershipMove;
  changed: boolean;
}

const MEMBERSHIP_FIELDS = ['jobTitle', 'department', 'externalId'] as const;

export function diffEmployee(current: EmployeeState, change: EmployeeChange): EmployeeDiff {
  const fields: EmployeeDiff['fields'] = {};
  for (const field of MEMBERSHIP_FIELDS) {
    const wanted = change[field];
    if (wanted !== undefined && wanted !== current[field]) fields[field] = wanted;
  }
  const displayName =
    change.displayName !== undefined && change.displayName !== current.displayName
      ? change.displayName
      : undefined;
  const ended = current.endedAt !== null;
  const membership: MembershipMove =
    change.active === false && !ended
      ? 'end'
      : change.active === true && ended
        ? 'restart'
        : 'keep';
  const changed =
    Object.keys(fields).length > 0 || displayName !== undefined || membership !== 'keep';
  return { fields, ...(displayName !== undefined ? { displayName } : {}), membership, changed };
}

/** How a bulk row or a SCIM request reports the outcome of a change. */
export function changeStatus(diff: EmployeeDiff): 'deactivated' | 'updated' | 'unchanged' {
  if (diff.membership === 'end') return 'deactivated';
  return diff.changed ? 'updated' : 'unchanged';
}
