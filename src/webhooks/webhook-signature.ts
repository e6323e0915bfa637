import { createHmac } from 'node:crypto';

/**
 * The `x-mindfulme-signature` header, Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256>`
 * over `<t>.<body>`, keyed with the subscription's secret exactly as it was shown (its UTF-8
 * bytes). The timestamp is signed too, so a receiver can refuse replays of old deliveries.
 */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}
