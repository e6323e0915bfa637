import type { Encrypted } from './field-cipher.js';

/** Whether a json value is a sealed value as SealedColumns.sealField makes them. */
export function isSealedValue(value: unknown): value is Encrypted {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { keyId, ciphertext } = value as Record<string, unknown>;
  return typeof keyId === 'string' && typeof ciphertext === 'string';
}

/**
 * The document with each sealed field under another key than `activeKeyId` replaced by what
 * `reseal` makes of it, every other field as it was; null when no field needs it.
 */
export function resealStaleFields(
  document: Record<string, unknown>,
  activeKeyId: string,
  reseal: (field: string, value: Encrypted) => Encrypted,
): Record<string, unknown> | null {
  let changed = false;
  const next = Object.fromEntries(
    Object.entries(document).map(([field, value]) => {
      if (!isSealedValue(value) || value.keyId === activeKeyId) return [field, value];
      changed = true;
      return [field, reseal(field, value)];
    }),
  );
  return changed ? next : null;
}
