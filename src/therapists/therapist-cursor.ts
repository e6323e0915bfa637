import { BadRequestException } from '@nestjs/common';
import type { StoredTherapist, TherapistCursor } from './therapists.repository.js';

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
