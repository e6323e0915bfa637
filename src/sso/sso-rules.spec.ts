import { issuerSharingRefusal, pickProvider, type ProviderCandidate } from './sso-rules.js';

const provider = (id: string, extra: Partial<ProviderCandidate> = {}): ProviderCandidate => ({
  id,
  orgId: `org-${id}`,
  clientId: 'mindfulme',
  tenantClaim: null,
  tenantId: null,
  ...extra,
});

describe('choosing the provider of a shared issuer', () => {
  const acme = provider('acme', { tenantClaim: 'tid', tenantId: 'tenant-acme' });
  const globex = provider('globex', { tenantClaim: 'tid', tenantId: 'tenant-globex' });
  const squatter = provider('squatter');

  it('goes to the tenant the token names, before the provider without a tenant', () => {
    const candidates = [squatter, acme, globex];
    expect(pickProvider(candidates, { aud: 'mindfulme', tid: 'tenant-acme' })?.id).toBe('acme');
    expect(pickProvider(candidates, { aud: ['x', 'mindfulme'], tid: 'tenant-globex' })?.id).toBe(
      'globex',
    );
    expect(pickProvider(candidates, { aud: 'mindfulme', tid: 'someone-else' })?.id).toBe(
      'squatter',
    );
    expect(pickProvider([acme, globex], { aud: 'mindfulme' })).toBeNull();
  });

  it('needs the provider’s client id among the audiences', () => {
    expect(pickProvider([acme], { aud: 'another-app', tid: 'tenant-acme' })).toBeNull();
  });

  it('lets many tenants share an issuer but only one provider go without a tenant', () => {
    const none = { tenantClaim: null, tenantId: null };
    expect(issuerSharingRefusal([], none)).toBeNull();
    expect(issuerSharingRefusal([squatter], none)).toMatch(/without a tenant/);
    expect(issuerSharingRefusal([squatter], { tenantClaim: 'tid', tenantId: 't1' })).toBeNull();
    expect(issuerSharingRefusal([acme], { tenantClaim: 'tid', tenantId: 'tenant-acme' })).toMatch(
      /already registered/,
    );
    expect(issuerSharingRefusal([acme], { tenantClaim: 'hd', tenantId: 'acme.com' })).toMatch(
      /"tid" claim/,
    );
  });
});
