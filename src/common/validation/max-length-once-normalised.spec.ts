import { validateSync } from 'class-validator';
import { MaxLengthOnceNormalised } from './max-length-once-normalised.js';

const nfkc = (value: string) => value.normalize('NFKC');

class Tagged {
  @MaxLengthOnceNormalised(nfkc, 4)
  tag?: unknown;

  @MaxLengthOnceNormalised(nfkc, 4, { each: true })
  tags?: unknown[];
}

const problemsOf = (fields: Partial<Tagged>) =>
  validateSync(Object.assign(new Tagged(), fields)).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );

describe('MaxLengthOnceNormalised', () => {
  it('measures the normalised text, not the text sent', () => {
    expect(problemsOf({ tag: 'ﬃx' })).toEqual([]);
    expect(problemsOf({ tag: 'ﬃxy' })).toEqual([
      'tag must be at most 4 characters once normalised',
    ]);
    expect(problemsOf({ tag: '\ufdfa' })).toHaveLength(1);
  });

  it('checks each item of a list when asked to', () => {
    expect(problemsOf({ tags: ['ab', 'ﬃ'] })).toEqual([]);
    expect(problemsOf({ tags: ['ab', 'ﬃﬃ'] })).toEqual([
      'each value in tags must be at most 4 characters once normalised',
    ]);
  });

  it('leaves values that are not text to the other rules', () => {
    expect(problemsOf({ tag: 12345 })).toEqual([]);
  });
});
