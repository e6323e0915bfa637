/** Connections one process's pool holds unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_POOL_SIZE = 20;

/**
 * The PostgreSQL the process settled on at start (DATABASE_URL, or the embedded database's
 * loopback address) and how many connections its pool may hold. Resolved before Nest starts,
 * injected as a value.
 */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    readonly poolSize: number = DEFAULT_POOL_SIZE,
  ) {}
}
