import { Webhook } from 'standardwebhooks';
import { standardWebhookHeaders } from './webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({ id: 'delivery-1', event: 'survey.closed' });
  const now = Math.floor(Date.now() / 1000);

  it('verify with the specification’s library, for whsec_ secrets and for earlier ones', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const headers = standardWebhookHeaders(secret, 'delivery-1', body, now);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // A secret from before the format: its text is the key, which the library takes as raw.
    const earlier = 'q3V0cmFkZS1vZmYtYmV0d2Vlbi1ub3QtYS13aHNlYy1zZWNyZXQ';
    const earlierHeaders = standardWebhookHeaders(earlier, 'delivery-1', body, now);
    expect(new Webhook(earlier, { format: 'raw' }).verify(body, earlierHeaders)).toEqual(
      JSON.parse(body),
    );
  });

  it('signs the id and the time with the body, so neither can be swapped', () => {
    const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const headers = standardWebhookHeaders(secret, 'delivery-1', body, now);
    const hook = new Webhook(secret);
    expect(() => hook.verify(body, { ...headers, 'webhook-id': 'delivery-2' })).toThrow();
    expect(() => hook.verify(body, { ...headers, 'webhook-timestamp': String(now - 1) })).toThrow();
  });
});
