import { isIP } from 'node:net';
import { bareHost, isPublicAddress } from '../common/outbound/public-address.js';

export { isPublicAddress };

/** What a webhook URL must meet: https (production), public addresses (unless allowed). */
export interface WebhookUrlRules {
  requireHttps: boolean;
  publicOnly: boolean;
}

/**
 * Why `raw` cannot receive webhooks, or null when it can, as far as the text of the URL tells.
 * Never credentials in the URL: they would be stored and shown in clear; receivers check the
 * signature instead.
 */
export function webhookUrlRefusal(raw: string, rules: WebhookUrlRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s) URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'url must be an http(s) URL.';
  }
  if (rules.requireHttps && url.protocol !== 'https:') return 'url must use https.';
  if (url.username || url.password) {
    return 'url must not carry credentials; verify the x-mindfulme-signature header instead.';
  }
  const host = bareHost(url.hostname);
  if (rules.publicOnly && isIP(host) && !isPublicAddress(host)) {
    return `url points to ${host}, which is not a public address.`;
  }
  return null;
}

/** The addresses a host name resolves to. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/**
 * Why `hostname` may not receive webhooks (when only public addresses may), or null: it must resolve, and only to
 * public addresses (a name that also resolves to a private one is refused).
 */
export async function hostRefusal(hostname: string, resolve: ResolveHost): Promise<string | null> {
  const host = bareHost(hostname);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return `url's host ${host} does not resolve.`;
  }
  if (addresses.length === 0) return `url's host ${host} does not resolve.`;
  const internal = addresses.find((address) => !isPublicAddress(address));
  return internal
    ? `url's host ${host} resolves to ${internal}, which is not a public address.`
    : null;
}
