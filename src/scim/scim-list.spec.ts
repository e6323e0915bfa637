import { parseScimFilter, parseScimPaging } from './scim-list.js';
import type { ScimError } from './scim-schemas.js';

const scimErrorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as ScimError;
  }
  throw new Error('expected a ScimError');
};

describe('SCIM lists', () => {
  it('parses userName and externalId equality filters, with escapes and the schema prefix', () => {
    expect(parseScimFilter(undefined)).toBeUndefined();
    expect(parseScimFilter('userName eq "ana@acme.com"')).toEqual({
      attribute: 'userName',
      value: 'ana@acme.com',
    });
    expect(parseScimFilter('EXTERNALID EQ "WD \\"7\\""')).toEqual({
      attribute: 'externalId',
      value: 'WD "7"',
    });
    expect(
      parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.co"'),
    ).toEqual({ attribute: 'userName', value: 'a@b.co' });
  });

  it('refuses every other filter as invalidFilter', () => {
    for (const filter of [
      'userName co "ana"',
      'displayName eq "Ana"',
      'userName eq "a@b.co" and active eq true',
      'userName eq ana',
      'userName eq "bad \\q escape"',
    ]) {
      expect(scimErrorOf(() => parseScimFilter(filter))).toMatchObject({
        status: 400,
        scimType: 'invalidFilter',
      });
    }
  });

  it('pages from 1 with at most 200 per answer', () => {
    expect(parseScimPaging(undefined, undefined)).toEqual({ startIndex: 1, count: 100 });
    expect(parseScimPaging('0', '5000')).toEqual({ startIndex: 1, count: 200 });
    expect(parseScimPaging('11', '-3')).toEqual({ startIndex: 11, count: 0 });
    expect(scimErrorOf(() => parseScimPaging('two', undefined)).scimType).toBe('invalidValue');
  });
});
