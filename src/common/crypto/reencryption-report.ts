/** What `crypto:reencrypt` did to one registry column. */
export interface ColumnReport {
  /** `table.column`. */
  column: string;
  /** Rows written back under the active key. */
  moved: number;
  /** Rows whose value did not open, left as they were. */
  unreadableCount: number;
  /** The first of them: the row's id and why (never any of the text). */
  unreadable: Array<{ id: string; reason: string }>;
  /** Rows still holding a value under another key after the walk. */
  left: number;
}

/**
 * The lines printed for the operator, and whether the other keys may go: only when no column
 * has a value left under them (unreadable, or rewritten meanwhile by a process still sealing
 * with an old key: a second run moves those).
 */
export function describeReencryption(
  activeKeyId: string,
  reports: ColumnReport[],
): { lines: string[]; done: boolean } {
  const lines = [`Re-encrypting onto key "${activeKeyId}":`];
  for (const report of reports) {
    lines.push(`  ${report.column}: ${report.moved} moved, ${report.left} left under other keys`);
    if (report.unreadableCount > 0) {
      lines.push(`    ${report.unreadableCount} did not open, among them:`);
      for (const row of report.unreadable) lines.push(`      ${row.id}: ${row.reason}`);
    }
  }
  const left = reports.reduce((total, report) => total + report.left, 0);
  lines.push(
    left === 0
      ? `Every encrypted column is under "${activeKeyId}": the other keys can be removed from ENCRYPTION_KEYS.`
      : `${left} rows still hold values under other keys: keep those keys, and run this again once the causes above are dealt with.`,
  );
  return { lines, done: left === 0 };
}
