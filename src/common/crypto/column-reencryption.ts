import { Injectable } from '@nestjs/common';
import {
  columnName,
  ENCRYPTED_COLUMNS,
  type EncryptedColumn,
  type SealedJsonFields,
  type SealedTextColumn,
} from './encrypted-columns.js';
import {
  EncryptedRowsRepository,
  type StaleJsonRow,
  type StaleTextRow,
} from './encrypted-rows.repository.js';
import type { Encrypted } from './field-cipher.js';
import type { ColumnReport } from './reencryption-report.js';
import { SealedColumns } from './sealed-columns.js';
import { resealStaleFields } from './sealed-json-fields.js';

/** Unreadable rows named per column: enough to find them, not a dump of a broken table. */
const NAMED_UNREADABLE = 10;

/** A value that did not open: its key is not configured, or it was altered or moved. */
class UnreadableValue extends Error {}

/**
 * Moves every value of every registry column onto the active key (`npm run crypto:reencrypt`).
 * Safe to run again (only values under another key are read) and beside the API (a row is
 * written back only if it still holds what was read). A value that does not open is left as it
 * is and reported; the walk goes on past it.
 */
@Injectable()
export class ColumnReencryption {
  constructor(
    private readonly rows: EncryptedRowsRepository,
    private readonly encrypted: SealedColumns,
  ) {}

  async all(batchSize: number): Promise<ColumnReport[]> {
    const reports: ColumnReport[] = [];
    for (const column of ENCRYPTED_COLUMNS) reports.push(await this.column(column, batchSize));
    return reports;
  }

  async column(column: EncryptedColumn, batchSize: number): Promise<ColumnReport> {
    const active = this.encrypted.activeKeyId;
    const walked =
      column.shape === 'text'
        ? await this.walk(
            (after) => this.rows.staleText(column, active, after, batchSize),
            (row) => this.moveText(column, row),
            batchSize,
          )
        : await this.walk(
            (after) => this.rows.staleJson(column, active, after, batchSize),
            (row) => this.moveJson(column, row),
            batchSize,
          );
    return {
      column: columnName(column),
      ...walked,
      left: await this.rows.countStale(column, active),
    };
  }

  /** Reads batches in primary-key order, so a row left behind is never read twice in a run. */
  private async walk<Row extends { id: string }>(
    read: (after: string | null) => Promise<Row[]>,
    move: (row: Row) => Promise<boolean>,
    batchSize: number,
  ) {
    let moved = 0;
    let unreadableCount = 0;
    const unreadable: ColumnReport['unreadable'] = [];
    for (let after: string | null = null; ;) {
      const batch = await read(after);
      for (const row of batch) {
        try {
          if (await move(row)) moved++;
        } catch (error) {
          if (!(error instanceof UnreadableValue)) throw error;
          unreadableCount++;
          if (unreadable.length < NAMED_UNREADABLE)
            unreadable.push({ id: row.id, reason: error.message });
        }
      }
      if (batch.length < batchSize) return { moved, unreadableCount, unreadable };
      after = batch[batch.length - 1].id;
    }
  }

  private moveText(column: SealedTextColumn, row: StaleTextRow): Promise<boolean> {
    const plaintext = opened(() => this.encrypted.open(column, row.bound, row));
    return this.rows.replaceText(column, row, this.encrypted.seal(column, row.bound, plaintext));
  }

  private async moveJson(column: SealedJsonFields, row: StaleJsonRow): Promise<boolean> {
    const reseal = (field: string, value: Encrypted) =>
      this.encrypted.sealField(
        column,
        row.bound,
        field,
        opened(() => this.encrypted.openField(column, row.bound, field, value)),
      );
    const document = JSON.parse(row.document) as Record<string, unknown>;
    const next = resealStaleFields(document, this.encrypted.activeKeyId, reseal);
    return next !== null && (await this.rows.replaceJson(column, row, next));
  }
}

function opened(open: () => string): string {
  try {
    return open();
  } catch (error) {
    throw new UnreadableValue(error instanceof Error ? error.message : String(error));
  }
}
