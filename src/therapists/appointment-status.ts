export const APPOINTMENT_STATUSES = [
  'pending',
  'confirmed',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

const NEXT: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['completed', 'cancelled', 'no_show'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses whose appointment can still be moved or called off. */
export const OPEN_STATUSES: readonly AppointmentStatus[] = ['pending', 'confirmed'];

/**
 * Why `from -> to` is refused, in words for the client, or null when it is allowed. Whether a
 * session took place (completed, no_show) can only be said once it has begun.
 */
export function transitionRefusal(
  from: AppointmentStatus,
  to: AppointmentStatus,
  timing: { startTime: Date; now: Date },
): string | null {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from];
    return allowed.length === 0
      ? `An appointment cannot go from ${from} to ${to}: ${from} is final.`
      : `An appointment cannot go from ${from} to ${to}; from ${from} it can only become ${allowed.join(' or ')}.`;
  }
  if ((to === 'completed' || to === 'no_show') && timing.now < timing.startTime) {
    return `An appointment cannot go from ${from} to ${to} before it starts at ${timing.startTime.toISOString()}.`;
  }
  return null;
}
