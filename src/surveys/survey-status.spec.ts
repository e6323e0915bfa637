import { editRefusal, TRANSITIONS, transitionRefusal } from './survey-status.js';

describe('survey transitions', () => {
  it('names where the survey is and where it was asked to go', () => {
    expect(transitionRefusal('closed', TRANSITIONS.open)).toBe(
      'A survey cannot go from closed to open, only from draft.',
    );
    expect(transitionRefusal('draft', TRANSITIONS.close)).toBe(
      'A survey cannot go from draft to closed, only from open.',
    );
    expect(transitionRefusal('open', TRANSITIONS.open)).toMatch(
      /from open to open: it is already open/,
    );
    expect(editRefusal('open')).toMatch(/this one is open/);
  });
});
