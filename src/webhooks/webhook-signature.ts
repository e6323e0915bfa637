import { createHmac } from 'node:crypto';

/** The prefix of signing secrets in the Standard Webhooks format: `whsec_<base64 key>`. */
export const SECRET_PREFIX = 'whsec_';
/** A signing key: 256 random bits. */
export const SECRET_BYTES = 32;
/** Every secret given out: the prefix and the key in padded base64 (44 characters). */
export const SECRET_LENGTH = SECRET_PREFIX.length + 4 * Math.ceil(SECRET_BYTES / 3);

/**
 * The key a secret stands for: the base64 bytes after `whsec_` (Standard Webhooks), or, for a
 * secret made before that format, its text as is.
 */
export function signingKeyOf(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX)
    ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * The Standard Webhooks headers (standardwebhooks.com): `webhook-id` (the delivery's id, the
 * same on every retry), `webhook-timestamp` (unix seconds) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`), verifiable with the specification's
 * libraries in any language.
 */
export function standardWebhookHeaders(
  secret: string,
  deliveryId: string,
  body: string,
  unixSeconds: number,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const signature = createHmac('sha256', signingKeyOf(secret))
    .update(`${deliveryId}.${unixSeconds}.${body}`)
    .digest('base64');
  return {
    'webhook-id': deliveryId,
    'webhook-timestamp': String(unixSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}

/**
 * The earlier `x-mindfulme-signature` header, Stripe's scheme, still sent while receivers move
 * to Standard Webhooks: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over `<t>.<body>`, keyed with
 * the secret's text exactly as it was shown.
 */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}
