import { BadRequestException } from '@nestjs/common';
import type { StoredTherapist, TherapistCursor } from './therapists.repository.js';

/**
 * The longest cursor this gives out for names of at most `nameMaxLength` UTF-16 code units, so
 * the directory can read back every one it gives: the base64url of the JSON of the longest name
 * (each code unit at most 6 bytes in JSON, a control character or a lone surrogate being written
 * \uXXXX), the longest rating from 0 to 5 in JSON (23 characters, 2.2250738585072014e-308) and
 * an id (36).
 */
export function therapistCursorMaxLength(nameMaxLength: number): number {
  const json =
    '{"r":'.length + 23 + ',"n":"'.length + nameMaxLength * 6 + '","i":"'.length + 36 + '"}'.length;
  return Math.ceil((json * 4) / 3);
}

/** Where a directory page stopped, in its order: rating, name, id. */
export const cursorOf = (row: StoredTherapist): TherapistCursor => ({
  rating: row.rating,
  name: row.name,
  id: row.id,
});

export function encodeTherapistCursor(cursor: TherapistCursor): string {
  return Buffer.from(JSON.stringify({ r: cursor.rating, n: cursor.name, i: cursor.id })).toString(
    'base64url',
  );
}

export function decodeTherapistCursor(value: string): TherapistCursor {
  try {
    const { r, n, i } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      r: unknown;
      n: unknown;
      i: unknown;
    };
    if (
      (r !== null && typeof r !== 'number') ||
      typeof n !== 'string' ||
      typeof i !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(i)
    ) {
      throw new Error('shape');
    }
    return { rating: r, name: n, id: i };
  } catch {
    throw new BadRequestException('cursor is not one this service gave out.');
  }
}
