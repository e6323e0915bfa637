import { describeReencryption } from './reencryption-report.js';

const report = (column: string, moved: number, left = 0) => ({
  column,
  moved,
  left,
  unreadableCount: 0,
  unreadable: [],
});

describe('the re-encryption report', () => {
  it('says per column what moved, and that the other keys may go when nothing is left', () => {
    const { lines, done } = describeReencryption('k2', [
      report('journals.content', 3),
      report('survey_responses.responses', 0),
    ]);
    expect(done).toBe(true);
    expect(lines).toEqual([
      'Re-encrypting onto key "k2":',
      '  journals.content: 3 moved, 0 left under other keys',
      '  survey_responses.responses: 0 moved, 0 left under other keys',
      'Every encrypted column is under "k2": the other keys can be removed from ENCRYPTION_KEYS.',
    ]);
  });

  it('names rows that did not open, and keeps the other keys while any value is left', () => {
    const { lines, done } = describeReencryption('k2', [
      {
        column: 'anonymous_rants.content',
        moved: 1,
        left: 2,
        unreadableCount: 2,
        unreadable: [{ id: 'r1', reason: 'Encryption key "k0" is not configured.' }],
      },
    ]);
    expect(done).toBe(false);
    expect(lines.slice(1)).toEqual([
      '  anonymous_rants.content: 1 moved, 2 left under other keys',
      '    2 did not open, among them:',
      '      r1: Encryption key "k0" is not configured.',
      '2 rows still hold values under other keys: keep those keys, and run this again once the causes above are dealt with.',
    ]);
  });
});
