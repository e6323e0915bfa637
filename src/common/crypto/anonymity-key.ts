import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * The server secret behind keyed hashes of anonymous features: a hash of (person, rant) proves
 * "supported once" and a hash of the person under a daily key counts posts, yet neither can be
 * turned back into a person without this key, and the daily one not even with it after the day.
 */
export class AnonymityKey {
  constructor(private readonly key: KeyObject) {}

  static async load(configured: string | undefined, dataDir: string): Promise<AnonymityKey> {
    if (configured) return new AnonymityKey(createSecretKey(Buffer.from(configured)));
    // Outside production: one key kept beside the embedded database, so supports stay unique.
    const file = resolve(dataDir, 'anonymity-key');
    let secret = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (!secret) {
      secret = randomBytes(32).toString('base64');
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, secret, { mode: 0o600 });
    }
    return new AnonymityKey(createSecretKey(Buffer.from(secret)));
  }

  /** HMAC-SHA256 of the parts, hex. */
  hash(...parts: string[]): string {
    return createHmac('sha256', this.key).update(parts.join('\u0000')).digest('hex');
  }

  /** A hash under today's key (UTC day): unlinkable to the same person's hash of another day. */
  dailyHash(day: string, ...parts: string[]): string {
    const dayKey = createHmac('sha256', this.key).update(`day:${day}`).digest();
    return createHmac('sha256', dayKey).update(parts.join('\u0000')).digest('hex');
  }
}
