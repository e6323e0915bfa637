/**
 * Whether a database write failed on a unique constraint (Prisma's P2002): for a service that
 * answers that case with its own words (already invited, already verified elsewhere) rather
 * than the problem filter's general 409.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}
