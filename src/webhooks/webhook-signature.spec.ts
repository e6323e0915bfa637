import { webhookSignature } from './webhook-signature.js';

describe('webhook signature', () => {
  it('is Stripe-style t=...,v1=HMAC-SHA256("<t>.<body>") keyed with the secret as shown', () => {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec-test
    expect(webhookSignature('whsec-test', '{"a":1}', 1700000000)).toBe(
      't=1700000000,v1=fed7a1a6c799a6367d73724d76bc70c16678908a32a879cd1ded6565ac05cece',
    );
  });

  it('changes with the body, the time and the secret', () => {
    const base = webhookSignature('s', '{"a":1}', 1);
    expect(webhookSignature('s', '{"a":2}', 1)).not.toBe(base);
    expect(webhookSignature('s', '{"a":1}', 2).split(',')[1]).not.toBe(base.split(',')[1]);
    expect(webhookSignature('t', '{"a":1}', 1)).not.toBe(base);
  });
});
