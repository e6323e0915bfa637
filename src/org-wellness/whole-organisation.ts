import type { Prisma } from '../generated/prisma/client.js';

/**
 * A recompute's statements take about 2 s at 100,000 members; Prisma's default of 5 s would
 * fail an organisation that merely grew.
 */
export const WHOLE_ORGANISATION_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

/**
 * Settings for one statement over a whole organisation, for its transaction only. JIT
 * compiles these plans for longer than it saves (it added 0.6 to 0.8 s to the score's
 * statement at 100,000 members), and the members with their timezones fit in memory instead
 * of spilling to disk.
 */
export async function planForWholeOrganisation(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SET LOCAL jit = off`;
  await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
}
