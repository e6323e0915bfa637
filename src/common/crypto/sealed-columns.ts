import { Injectable } from '@nestjs/common';
import {
  type BoundValues,
  contextOf,
  type SealedJsonFields,
  type SealedTextColumn,
} from './encrypted-columns.js';
import { type Encrypted, FieldCipher } from './field-cipher.js';

/** A value as a row stores it: its ciphertext and the key that sealed it (null: nothing stored). */
export interface StoredCiphertext {
  keyId: string | null;
  ciphertext: string;
}

/** A nullable column's value and key id: both null when there is nothing to keep. */
export interface OptionalCiphertext {
  keyId: string | null;
  ciphertext: string | null;
}

/**
 * The one way features seal and open encrypted columns: each call names its registry entry
 * (encrypted-columns.ts) and the row's values the ciphertext is bound to, so the context is the
 * same wherever a column is written, read or re-encrypted.
 */
@Injectable()
export class SealedColumns {
  constructor(private readonly cipher: FieldCipher) {}

  /** The key new values are sealed with. */
  get activeKeyId(): string {
    return this.cipher.activeKeyId;
  }

  seal<B extends string>(
    column: SealedTextColumn<B>,
    bound: BoundValues<NoInfer<B>>,
    plaintext: string,
  ): Encrypted {
    return this.cipher.encrypt(plaintext, contextOf(column, bound));
  }

  /** Throws when the value's key is not configured or the value was altered or moved. */
  open<B extends string>(
    column: SealedTextColumn<B>,
    bound: BoundValues<NoInfer<B>>,
    stored: StoredCiphertext,
  ): string {
    return this.cipher.decrypt(
      { keyId: stored.keyId ?? '', ciphertext: stored.ciphertext },
      contextOf(column, bound),
    );
  }

  /** For a nullable column: no text (or empty) is stored as nulls, not as sealed nothing. */
  sealOptional<B extends string>(
    column: SealedTextColumn<B>,
    bound: BoundValues<NoInfer<B>>,
    plaintext: string | null | undefined,
  ): OptionalCiphertext {
    return plaintext ? this.seal(column, bound, plaintext) : { keyId: null, ciphertext: null };
  }

  openOptional<B extends string>(
    column: SealedTextColumn<B>,
    bound: BoundValues<NoInfer<B>>,
    stored: OptionalCiphertext,
  ): string | null {
    const { keyId, ciphertext } = stored;
    return ciphertext === null ? null : this.open(column, bound, { keyId, ciphertext });
  }

  /** A value for `field` of a json column of sealed fields. */
  sealField<B extends string>(
    column: SealedJsonFields<B>,
    bound: BoundValues<NoInfer<B>>,
    field: string,
    plaintext: string,
  ): Encrypted {
    return this.cipher.encrypt(plaintext, contextOf(column, bound, field));
  }

  openField<B extends string>(
    column: SealedJsonFields<B>,
    bound: BoundValues<NoInfer<B>>,
    field: string,
    stored: Encrypted,
  ): string {
    return this.cipher.decrypt(stored, contextOf(column, bound, field));
  }
}
