import { normaliseTag, normaliseTags } from './journal-tags.js';

describe('journal tags', () => {
  it('normalises case, width, spacing', () => {
    expect(normaliseTag('  Work   Stress ')).toBe('work-stress');
    expect(normaliseTag('ＳＬＥＥＰ')).toBe('sleep');
  });

  it('drops empties and duplicates, keeping the first order', () => {
    expect(normaliseTags(['Sleep', ' ', 'family', 'sleep', 'FAMILY'])).toEqual(['sleep', 'family']);
  });
});
