import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyRing {
  /** The key new text is encrypted with. */
  activeKeyId: string;
  keys: ReadonlyMap<string, KeyObject>;
}

export interface Encrypted {
  keyId: string;
  /** base64url of iv | tag | ciphertext, what the text column stores. */
  ciphertext: string;
}

/**
 * AES-256-GCM for personal text (journal entries, mood notes). Each value gets a fresh 96-bit IV;
 * `context` is authenticated with it (for example the table, column and owner), so a ciphertext
 * moved to another row or person fails to decrypt instead of showing someone else's words.
 */
export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  get activeKeyId(): string {
    return this.ring.activeKeyId;
  }

  encrypt(plaintext: string, context: string): Encrypted {
    const key = this.key(this.ring.activeKeyId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: this.ring.activeKeyId,
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url'),
    };
  }

  decrypt(value: Encrypted, context: string): string {
    const raw = Buffer.from(value.ciphertext, 'base64url');
    const decipher = createDecipheriv(ALGORITHM, this.key(value.keyId), raw.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  private key(id: string): KeyObject {
    const key = this.ring.keys.get(id);
    if (!key) throw new Error(`Encryption key "${id}" is not configured.`);
    return key;
  }
}
