import fc from 'fast-check';
import { BestCandidateLists } from './best-candidates.js';

describe('best candidate lists', () => {
  it('keeps the best of each owner, higher score first, ties to the lower candidate', () => {
    const lists = new BestCandidateLists(2, 3);
    for (const [candidate, score] of [
      [5, 0.2],
      [1, 0.9],
      [4, 0.5],
      [2, 0.5],
      [3, 0.1],
      [0, 0.5],
    ]) {
      lists.offer(0, candidate, score);
    }
    lists.offer(1, 7, 0.3);
    expect(lists.listOf(0)).toEqual([
      { candidate: 1, score: 0.9 },
      { candidate: 0, score: 0.5 },
      { candidate: 2, score: 0.5 },
    ]);
    expect(lists.listOf(1)).toEqual([{ candidate: 7, score: 0.3 }]);
  });

  it('equals sorting every offer and keeping the first ones, whatever the order of offers', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 1, max: 60 }),
        (candidates, scoreTenths, capacity) => {
          const offers = candidates.map((candidate, index) => ({
            candidate,
            score: scoreTenths[index] / 20,
          }));
          const lists = new BestCandidateLists(1, capacity);
          for (const { candidate, score } of offers) lists.offer(0, candidate, score);
          const expected = [...offers]
            .sort((a, b) => b.score - a.score || a.candidate - b.candidate)
            .slice(0, capacity);
          expect(lists.listOf(0)).toEqual(expected);
        },
      ),
    );
  });
});
