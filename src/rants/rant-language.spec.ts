import { mentionsCrisis, sentimentScore } from './rant-language.js';

describe('rant language', () => {
  it('scores sentiment in -1..1 with the library, negative for venting', () => {
    expect(sentimentScore('I am so angry and frustrated, this is awful')).toBeLessThan(0);
    expect(sentimentScore('Great day, I feel happy and grateful')).toBeGreaterThan(0);
    const extreme = sentimentScore('hate hate hate');
    expect(extreme).toBeGreaterThanOrEqual(-1);
  });

  it('notices crisis language, and not ordinary frustration', () => {
    expect(mentionsCrisis('Sometimes I want to die')).toBe(true);
    expect(mentionsCrisis('thinking about suicide lately')).toBe(true);
    expect(mentionsCrisis('I might hurt myself')).toBe(true);
    expect(mentionsCrisis('This deadline is killing me')).toBe(false);
  });
});
