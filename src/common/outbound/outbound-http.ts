import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import type { Agent } from 'undici';
import { AppConfig } from '../../config/app-config.js';
import { bareHost, isPublicAddress } from './public-address.js';

/** Thrown when a request would reach an address that is not on the public internet. */
export class NonPublicAddressError extends Error {
  readonly code = 'ENONPUBLIC';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, which is not a public address.`);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** How names are resolved: node:dns lookup's all-addresses form. */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export type SocketLookup = (
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback,
) => void;

/**
 * A DNS lookup for sockets that refuses a name resolving to any non-public address. The socket
 * connects to the very address checked here, so there is no window between the check and the
 * connection in which DNS could be rebound to an internal address.
 */
export function publicOnlyLookup(resolve: ResolveAll = lookup): SocketLookup {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true, family: Number(options.family) || 0 }, (error, addresses) => {
      if (error) return callback(error, []);
      const internal = addresses.find((entry) => !isPublicAddress(entry.address));
      if (internal) return callback(new NonPublicAddressError(hostname, internal.address), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Every request the service makes on behalf of an organisation (identity provider discovery
 * and keys, webhook deliveries) goes through here. Unless OUTBOUND_ALLOW_PRIVATE_ADDRESSES is
 * set (for a provider or receiver on the developer's own machine, and tests), loopback,
 * private, link-local and metadata addresses are refused, whether written literally or
 * reached through DNS.
 */
@Injectable()
export class OutboundHttp {
  readonly allowPrivate: boolean;
  /**
   * undici and its pool, loaded at the first outbound request (an SSO sign-in, a webhook
   * delivery): a process that makes none never holds undici's 3.4 MB of heap.
   */
  private client?: Promise<{ agent: Agent; fetch: typeof import('undici').fetch }>;

  constructor(config: AppConfig) {
    this.allowPrivate = config.OUTBOUND_ALLOW_PRIVATE_ADDRESSES;
  }

  private undici() {
    this.client ??= import('undici').then(({ Agent, fetch }) => ({
      agent: new Agent(this.allowPrivate ? {} : { connect: { lookup: publicOnlyLookup() } }),
      fetch,
    }));
    return this.client;
  }

  /** Why a request to `url` would be refused before any connection, or null. */
  literalRefusal(url: URL): string | null {
    if (this.allowPrivate) return null;
    const host = bareHost(url.hostname);
    if (isIP(host) && !isPublicAddress(host)) return `${host} is not a public address.`;
    if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is not public.`;
    return null;
  }

  /** fetch, through the guarded connection pool; redirects are never followed. */
  fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const refusal = this.literalRefusal(url);
    if (refusal)
      throw new TypeError('fetch failed', { cause: { code: 'ENONPUBLIC', message: refusal } });
    const { agent, fetch } = await this.undici();
    const response = await fetch(url, {
      ...(init as Parameters<typeof fetch>[1]),
      redirect: 'manual',
      dispatcher: agent,
    });
    return response as unknown as Response;
  };

  async onModuleDestroy(): Promise<void> {
    if (this.client) await (await this.client).agent.close();
  }
}
