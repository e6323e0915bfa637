import {
  challengeMet,
  challengeRecordName,
  challengeRecordValue,
  emailDomainOf,
  normaliseDomain,
} from './domain-rules.js';

describe('domain verification rules', () => {
  it('stores domains lower case without the trailing dot of a fully qualified name', () => {
    expect(normaliseDomain(' Acme.COM. ')).toBe('acme.com');
    expect(emailDomainOf('Jo@Mail.Acme.com')).toBe('mail.acme.com');
  });

  it('names the record under the domain and finds the token among other TXT values', () => {
    expect(challengeRecordName('acme.com')).toBe('_mindfulme-challenge.acme.com');
    const value = challengeRecordValue('tok');
    expect(challengeMet(['v=spf1 -all', value], 'tok')).toBe(true);
    expect(challengeMet(['v=spf1 -all', challengeRecordValue('other')], 'tok')).toBe(false);
    expect(challengeMet(['tok'], 'tok')).toBe(false);
  });
});
