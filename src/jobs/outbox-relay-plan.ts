import type { ReadJob } from './job-registry.js';

/** A committed outbox row, as the relay claims it. */
export interface OutboxRow {
  id: string;
  jobName: string;
  jobKey: string;
  payload: unknown;
}

export interface SetAsideRow {
  id: string;
  reason: string;
}

/** What one relay pass does with the rows it claimed. */
export interface RelayPlan {
  /** The latest payload of each job and key: later events supersede earlier ones. */
  jobs: ReadJob[];
  /** Rows whose job is handed over by `jobs` (superseded ones included). */
  relayedIds: string[];
  /** Rows no job of this process can take, and why: they must not hold up the others. */
  setAside: SetAsideRow[];
}

/**
 * Sorts claimed rows (oldest first) into jobs to hand over and rows to set aside. `read` is
 * JobRegistry.read: it throws for a name in no catalogue or a payload its job refuses. Reading
 * does no I/O, so a row that fails it once fails it every time: it is set aside, never retried
 * with the batch it came in.
 */
export function planRelay(
  rows: readonly OutboxRow[],
  read: (name: string, data: unknown) => ReadJob,
): RelayPlan {
  const latest = new Map<string, ReadJob>();
  const relayedIds: string[] = [];
  const setAside: SetAsideRow[] = [];
  for (const row of rows) {
    try {
      latest.set(`${row.jobName}\u0000${row.jobKey}`, read(row.jobName, row.payload));
      relayedIds.push(row.id);
    } catch (error) {
      setAside.push({ id: row.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { jobs: [...latest.values()], relayedIds, setAside };
}
