import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CRISIS_RESOURCES,
  CRISIS_TEXT_MAX_LENGTH,
  CrisisDirectory,
  MAX_CRISIS_LINES_PER_LIST,
  MAX_CRISIS_LINES_SHOWN,
} from './crisis-resources.js';

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

  it('keeps a line’s name, contact and url only, and refuses lists or text beyond the limits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crisis-'));
    const fileWith = async (content: unknown) => {
      const file = join(dir, `${Math.random()}.json`);
      await writeFile(file, JSON.stringify(content));
      return file;
    };
    const line = { name: 'SOS Amitié', contact: '09 72 39 40 50' };
    const extra = await fileWith({ FR: [{ ...line, notes: 'internal' }] });
    expect((await CrisisDirectory.load(extra)).for('FR')[0]).toEqual(line);
    for (const content of [
      { FR: Array.from({ length: MAX_CRISIS_LINES_PER_LIST + 1 }, () => line) },
      { FR: [{ ...line, name: 'x'.repeat(CRISIS_TEXT_MAX_LENGTH + 1) }] },
      { FR: [{ ...line, url: 42 }] },
    ]) {
      await expect(CrisisDirectory.load(await fileWith(content))).rejects.toThrow(
        /CRISIS_RESOURCES_FILE/,
      );
    }
    const lines = (await CrisisDirectory.load(await fileWith({ FR: [line] }))).for('FR');
    expect(lines.length).toBeLessThanOrEqual(MAX_CRISIS_LINES_SHOWN);
    // The shipped lines keep to the same limits.
    for (const list of Object.values(CRISIS_RESOURCES)) {
      expect(list.length).toBeLessThanOrEqual(MAX_CRISIS_LINES_PER_LIST);
      for (const { name, contact } of list) {
        expect(Math.max(name.length, contact.length)).toBeLessThanOrEqual(CRISIS_TEXT_MAX_LENGTH);
      }
    }
  });
});
