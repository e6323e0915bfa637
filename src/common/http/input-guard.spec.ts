import { findInputFault } from './input-guard.js';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = level % 2 ? [value] : { a: value };
  return value;
};

describe('findInputFault', () => {
  it('accepts ordinary input, emoji, accents and right-to-left text included', () => {
    expect(
      findInputFault({ name: 'Zoë 😀 שלום', tags: ['a', 'b'], n: 1, ok: true, none: null }),
    ).toBeUndefined();
    expect(findInputFault(undefined)).toBeUndefined();
  });

  it('counts objects and arrays alike when measuring depth', () => {
    expect(findInputFault(nested(3), 3)).toBeUndefined();
    expect(findInputFault(nested(4), 3)).toMatchObject({ reason: expect.stringMatching(/nest/) });
  });

  it('walks bodies far deeper than a call stack allows', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(findInputFault(deep)).toMatchObject({ reason: expect.stringMatching(/32 levels/) });
  });

  it('names the field holding a NUL character or an unpaired surrogate', () => {
    expect(findInputFault({ profile: { name: 'a\u0000b' } })).toEqual({
      field: 'profile.name',
      reason: expect.stringMatching(/NUL/),
    });
    expect(findInputFault({ tags: ['ok', 'x\ud800'] })).toEqual({
      field: 'tags.1',
      reason: expect.stringMatching(/surrogate/),
    });
    expect(findInputFault({ tail: '\udc00' })).toMatchObject({ field: 'tail' });
    expect(findInputFault({ ['k\u0000']: 1 })).toMatchObject({
      reason: expect.stringMatching(/key/),
    });
  });
});
