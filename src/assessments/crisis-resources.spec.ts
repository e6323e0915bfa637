import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrisisDirectory } from './crisis-resources.js';

describe('CrisisDirectory', () => {
  it('answers the country’s lines first, then the general ones', () => {
    const lines = new CrisisDirectory().for('gb');
    expect(lines[0]).toMatchObject({ name: 'Samaritans' });
    expect(lines.at(-1)).toMatchObject({ url: 'https://findahelpline.com' });
    expect(new CrisisDirectory().for(undefined)[0]).toMatchObject({
      name: 'Local emergency services',
    });
  });

  it('takes a configured file over the shipped list, and refuses a malformed one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crisis-'));
    const good = join(dir, 'good.json');
    await writeFile(
      good,
      JSON.stringify({ FR: [{ name: 'SOS Amitié', contact: '09 72 39 40 50' }] }),
    );
    expect((await CrisisDirectory.load(good)).for('FR')[0]).toEqual({
      name: 'SOS Amitié',
      contact: '09 72 39 40 50',
    });
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ france: 'call someone' }));
    await expect(CrisisDirectory.load(bad)).rejects.toThrow(/CRISIS_RESOURCES_FILE/);
  });
});
