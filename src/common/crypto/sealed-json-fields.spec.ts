import { isSealedValue, resealStaleFields } from './sealed-json-fields.js';

describe('sealed fields of a json column', () => {
  it('knows a sealed value by its string keyId and ciphertext', () => {
    expect(isSealedValue({ keyId: 'k1', ciphertext: 'abc' })).toBe(true);
    expect(isSealedValue({ keyId: 'k1' })).toBe(false);
    expect(isSealedValue({ keyId: 1, ciphertext: 'abc' })).toBe(false);
    expect(isSealedValue(['k1', 'abc'])).toBe(false);
    expect(isSealedValue('abc')).toBe(false);
    expect(isSealedValue(null)).toBe(false);
  });

  it('reseals only sealed fields under another key, and keeps every other answer', () => {
    const document = {
      rested: 4,
      setting: 'Hybrid',
      ideas: { keyId: 'old', ciphertext: 'c1' },
      wishes: { keyId: 'new', ciphertext: 'c2' },
    };
    const resealed: string[] = [];
    const next = resealStaleFields(document, 'new', (field, value) => {
      resealed.push(`${field}:${value.ciphertext}`);
      return { keyId: 'new', ciphertext: `${value.ciphertext}'` };
    });
    expect(resealed).toEqual(['ideas:c1']);
    expect(next).toEqual({
      rested: 4,
      setting: 'Hybrid',
      ideas: { keyId: 'new', ciphertext: "c1'" },
      wishes: { keyId: 'new', ciphertext: 'c2' },
    });
  });

  it('answers null when nothing is under another key', () => {
    const calls: string[] = [];
    const reseal = (field: string) => {
      calls.push(field);
      return { keyId: 'new', ciphertext: '' };
    };
    expect(
      resealStaleFields({ rested: 4, ideas: { keyId: 'new', ciphertext: 'c' } }, 'new', reseal),
    ).toBeNull();
    expect(calls).toEqual([]);
  });
});
