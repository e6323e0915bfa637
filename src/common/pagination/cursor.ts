import { BadRequestException } from '@nestjs/common';

/**
 * Where a newest-first page stopped: the last row's time and id (ties broken by id). Every list
 * pages on a `created_at` of millisecond precision (`timestamptz(3)`), the precision a Date
 * carries, so the cursor holds the stored value exactly: rows made in one instant (a roster
 * sync's thousand, in one transaction) are neither skipped nor repeated.
 */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  const [time, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException('cursor is not one this service gave out.');
  }
  return { createdAt, id };
}

/** The filter for rows strictly after `cursor` in newest-first order (created_at, id). */
export function olderThan(cursor?: Cursor) {
  if (!cursor) return {};
  return {
    OR: [
      { createdAt: { lt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: { lt: cursor.id } },
    ],
  };
}

/** The filter for rows strictly after `cursor` in oldest-first order (created_at, id). */
export function newerThan(cursor?: Cursor) {
  if (!cursor) return {};
  return {
    OR: [
      { createdAt: { gt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: { gt: cursor.id } },
    ],
  };
}

/**
 * A page from `limit + 1` rows in list order (newest or oldest first): the extra row only says that another page follows.
 */
export function toPage<Row extends Cursor, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
