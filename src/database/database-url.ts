/**
 * The PostgreSQL URL the process settled on at start: DATABASE_URL, or the embedded
 * database's loopback address. Resolved before Nest starts, injected as a value.
 */
export class DatabaseUrl {
  constructor(readonly value: string) {}
}
