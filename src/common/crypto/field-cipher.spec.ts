import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher.js';
import { parseKeyRing } from './key-ring.js';

const key = () => randomBytes(32).toString('base64');

describe('FieldCipher', () => {
  it('round-trips text, with a fresh IV each time, and names the key', () => {
    const cipher = new FieldCipher(parseKeyRing(`a:${key()}`));
    const first = cipher.encrypt('I feel low today', 'journals.content:user-1');
    const second = cipher.encrypt('I feel low today', 'journals.content:user-1');
    expect(first.keyId).toBe('a');
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.ciphertext).not.toContain('low');
    expect(cipher.decrypt(first, 'journals.content:user-1')).toBe('I feel low today');
  });

  it('refuses a ciphertext moved to another context or altered', () => {
    const cipher = new FieldCipher(parseKeyRing(`a:${key()}`));
    const value = cipher.encrypt('private', 'mood_entries.notes:user-1');
    expect(() => cipher.decrypt(value, 'mood_entries.notes:user-2')).toThrow();
    // One bit of the first byte flipped: the last base64url characters may carry unused bits (or
    // already read "AA"), so rewriting them does not always change a byte.
    const bytes = Buffer.from(value.ciphertext, 'base64url');
    bytes[0] ^= 1;
    const altered = { ...value, ciphertext: bytes.toString('base64url') };
    expect(() => cipher.decrypt(altered, 'mood_entries.notes:user-1')).toThrow();
  });

  it('still reads old rows after a new key becomes active', () => {
    const oldKey = key();
    const before = new FieldCipher(parseKeyRing(`old:${oldKey}`));
    const stored = before.encrypt('written last year', 'ctx');
    const after = new FieldCipher(parseKeyRing(`old:${oldKey},new:${key()}`));
    expect(after.activeKeyId).toBe('new');
    expect(after.decrypt(stored, 'ctx')).toBe('written last year');
    expect(after.encrypt('today', 'ctx').keyId).toBe('new');
  });

  it('refuses malformed key lists', () => {
    expect(() => parseKeyRing('')).toThrow(/no key/);
    expect(() => parseKeyRing('a:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`a:${key()}`, 'b')).toThrow(/active key/);
  });
});
