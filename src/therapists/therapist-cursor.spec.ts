import fc from 'fast-check';
import {
  decodeTherapistCursor,
  encodeTherapistCursor,
  therapistCursorMaxLength,
} from './therapist-cursor.js';

const ID = '3f1c2a64-5b7e-4d7a-9a43-1f0f3c2b9d11';

describe('therapist directory cursors', () => {
  it('are never longer than therapistCursorMaxLength, which the worst row reaches', () => {
    const worst = encodeTherapistCursor({
      rating: 2.2250738585072014e-308,
      name: '\u0007'.repeat(200),
      id: ID,
    });
    expect(worst).toHaveLength(therapistCursorMaxLength(200));
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
        fc.string({ unit: 'binary', maxLength: 200 }).filter((name) => name.length <= 200),
        (rating, name) => {
          const cursor = encodeTherapistCursor({ rating, name, id: ID });
          expect(cursor.length).toBeLessThanOrEqual(therapistCursorMaxLength(200));
          expect(decodeTherapistCursor(cursor)).toEqual({ rating, name, id: ID });
        },
      ),
    );
  });
});
