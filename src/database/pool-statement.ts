import type pg from 'pg';

/**
 * A statement of a hot route (the session check, writing a mood entry, the mood statistics, a
 * page of journals), sent through the pool under Prisma's driver adapter (PrismaService.pool)
 * instead of through Prisma: no query compiler and no result mapping, which took most of the
 * process's CPU time per statement (the session check 140 µs through `$queryRaw`, 40 µs on the
 * pool; a page of 21 journals 590 µs through `findMany`, 160 µs). Constant text with numbered
 * parameters, typed by its parameters and the row it answers; each column is aliased to the
 * row's field name and parsed by pg as Prisma parses it (timestamptz as Date, int4 and float8
 * as numbers, json parsed), so the rows are those Prisma answered. Everything else stays Prisma.
 */
export class PoolStatement<Params extends readonly unknown[], Row extends object> {
  constructor(readonly text: string) {}

  async rows(pool: pg.Pool, params: Params): Promise<Row[]> {
    const result = await pool.query<Row>(this.text, params as unknown as unknown[]);
    return result.rows;
  }
}

/** SQL and its values as a composed `Prisma.sql` holds them (`text` numbers its parameters). */
export interface ComposedSql {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** Runs a statement composed with `Prisma.sql` (from fragments of several features) on the pool. */
export async function poolRows<Row extends object>(
  pool: pg.Pool,
  statement: ComposedSql,
): Promise<Row[]> {
  const result = await pool.query<Row>(statement.text, statement.values as unknown[]);
  return result.rows;
}
