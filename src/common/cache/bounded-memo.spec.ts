import { BoundedMemo } from './bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a key once, even for calls made while it is being computed', async () => {
    const memo = new BoundedMemo<number>(10);
    let computations = 0;
    const compute = async () => {
      computations++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 42;
    };
    const answers = await Promise.all([memo.get('a', compute), memo.get('a', compute)]);
    expect(answers).toEqual([42, 42]);
    expect(await memo.get('a', compute)).toBe(42);
    expect(computations).toBe(1);
  });

  it('forgets a failed computation, so the next call tries again', async () => {
    const memo = new BoundedMemo<string>(10);
    await expect(memo.get('a', () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await memo.get('a', async () => 'computed')).toBe('computed');
  });

  it('keeps at most its capacity, forgetting the least recently used first', async () => {
    const memo = new BoundedMemo<string>(2);
    const counts = new Map<string, number>();
    const compute = (key: string) => async () => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return key;
    };
    await memo.get('a', compute('a'));
    await memo.get('b', compute('b'));
    await memo.get('a', compute('a')); // a is now the most recent
    await memo.get('c', compute('c')); // b goes
    await memo.get('a', compute('a'));
    await memo.get('b', compute('b'));
    expect(Object.fromEntries(counts)).toEqual({ a: 1, b: 2, c: 1 });
  });
});
