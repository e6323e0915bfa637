import { createSecretKey, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { KeyRing } from './field-cipher.js';

const KEY_BYTES = 32;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses ENCRYPTION_KEYS, `id:base64key,id:base64key`, each key 32 bytes; the active key is
 * ENCRYPTION_ACTIVE_KEY or, when unset, the last one listed (add a key at the end to rotate).
 */
export function parseKeyRing(spec: string, activeKeyId?: string): KeyRing {
  const keys = new Map<string, ReturnType<typeof createSecretKey>>();
  for (const entry of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const bytes = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID_PATTERN.test(id)) throw new Error('each entry is id:base64key');
    if (bytes.length !== KEY_BYTES) throw new Error(`key "${id}" is not 32 bytes`);
    if (keys.has(id)) throw new Error(`key "${id}" is listed twice`);
    keys.set(id, createSecretKey(bytes));
  }
  if (keys.size === 0) throw new Error('no key given');
  const active = activeKeyId ?? [...keys.keys()].at(-1)!;
  if (!keys.has(active)) throw new Error(`the active key "${active}" is not in the list`);
  return { activeKeyId: active, keys };
}

/**
 * Outside production with no ENCRYPTION_KEYS, one key is made on first start and kept beside the
 * embedded database (DATA_DIR/encryption-keys, mode 0600), so data written stays readable.
 */
export async function localKeyRing(dataDir: string): Promise<KeyRing> {
  const file = resolve(dataDir, 'encryption-keys');
  let spec = await readFile(file, 'utf8').catch(() => '');
  if (!spec.trim()) {
    spec = `local1:${randomBytes(KEY_BYTES).toString('base64')}`;
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, spec, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return parseKeyRing(spec.trim());
}
