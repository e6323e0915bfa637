import { nextPageLink } from './next-page-link.interceptor.js';

describe('nextPageLink', () => {
  it('is the same request with the next cursor in place of the one sent', () => {
    expect(nextPageLink('/v1/orgs/o/employees?department=Ops&cursor=abc', 'def')).toBe(
      '</v1/orgs/o/employees?department=Ops&cursor=def>; rel="next"',
    );
  });

  it('writes padded whole numbers as numbers, so the header never carries the padding', () => {
    const padded = `/v1/mood?limit=${'0'.repeat(5000)}20`;
    expect(nextPageLink(padded, 'c')).toBe('</v1/mood?limit=20&cursor=c>; rel="next"');
  });
});
