import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnonymityKey } from './anonymity-key.js';
import { localKeyRing } from './key-ring.js';

describe('keys kept in DATA_DIR outside production', () => {
  it('are made once, in a folder that need not exist yet, readable only by the owner', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'keys-')), 'not-yet', '.data');
    const ring = await localKeyRing(dataDir);
    const again = await localKeyRing(dataDir);
    expect(again.activeKeyId).toBe(ring.activeKeyId);
    expect(
      again.keys.get(ring.activeKeyId)?.export().equals(ring.keys.get(ring.activeKeyId)!.export()),
    ).toBe(true);
    expect((await stat(join(dataDir, 'encryption-keys'))).mode & 0o777).toBe(0o600);

    const first = await AnonymityKey.load(undefined, dataDir);
    const second = await AnonymityKey.load(undefined, dataDir);
    expect(second.hash('a', 'b')).toBe(first.hash('a', 'b'));
    expect(first.dailyHash('2026-11-25', 'x')).not.toBe(first.dailyHash('2026-11-26', 'x'));
  });
});
