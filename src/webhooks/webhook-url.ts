import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach from inside our network (SSRF): loopback, private,
 * link-local (cloud metadata at 169.254.169.254), shared, multicast, reserved and documentation
 * ranges, and the IPv6 forms that embed an IPv4 address. BlockList also matches IPv4-mapped
 * IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` is an IP address on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A URL's hostname as an address or name: IPv6 literals lose their brackets. */
export const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why `raw` cannot receive webhooks, or null when it can, as far as the text of the URL tells.
 * In production: https only, and no literal non-public address. Never credentials in the URL:
 * they would be stored and shown in clear; receivers check the signature instead.
 */
export function webhookUrlRefusal(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s) URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'url must be an http(s) URL.';
  }
  if (production && url.protocol !== 'https:') return 'url must use https.';
  if (url.username || url.password) {
    return 'url must not carry credentials; verify the x-mindfulme-signature header instead.';
  }
  const host = bareHost(url.hostname);
  if (production && isIP(host) && !isPublicAddress(host)) {
    return `url points to ${host}, which is not a public address.`;
  }
  return null;
}

/** The addresses a host name resolves to. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/**
 * Why `hostname` may not receive webhooks in production, or null: it must resolve, and only to
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
