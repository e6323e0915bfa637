import { Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, customFetch, decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import { BoundedMemo } from '../common/cache/bounded-memo.js';
import { OutboundHttp } from '../common/outbound/outbound-http.js';

const DISCOVERY_TIMEOUT_MS = 5000;
/** Clock difference tolerated between the provider and this service. */
export const CLOCK_SKEW_SECONDS = 60;
/** Asymmetric algorithms only: a provider's ID token is never verified with a shared secret. */
const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Providers whose key sets a process keeps; more are fetched again when next needed. */
const KEY_SETS_KEPT = 1_000;

export const INVALID_ID_TOKEN = 'The ID token is not valid for this service.';

/**
 * Verifies ID tokens with `jose` against each provider's keys, found through its discovery
 * document. Key sets are cached per issuer (jose refetches when it meets an unknown key id).
 * Discovery and key fetches go through OutboundHttp: never to an internal address.
 */
@Injectable()
export class OidcVerifier {
  /** A failed discovery is not kept: the provider may be back on the next sign-in. */
  private readonly keySets = new BoundedMemo<ReturnType<typeof createRemoteJWKSet>>(KEY_SETS_KEPT);

  constructor(private readonly outbound: OutboundHttp) {}

  /**
   * The token's claimed issuer and subject, before any verification: only to find whom to ask
   * (and whose attempts to count).
   */
  claimedIdentity(idToken: string): { issuer: string; subject: string } {
    try {
      const { iss, sub } = decodeJwt(idToken);
      if (typeof iss === 'string')
        return { issuer: iss, subject: typeof sub === 'string' ? sub : '' };
    } catch {
      // falls through
    }
    throw new UnauthorizedException(INVALID_ID_TOKEN);
  }

  /** Verifies signature, issuer, one of the audiences, times and the nonce the client sent. */
  async verify(
    idToken: string,
    expected: { issuer: string; audiences: string[]; nonce: string },
  ): Promise<JWTPayload> {
    const keys = await this.keySetOf(expected.issuer);
    try {
      const { payload } = await jwtVerify(idToken, keys, {
        issuer: expected.issuer,
        audience: expected.audiences,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['iat', 'exp', 'sub'],
      });
      const now = Math.floor(Date.now() / 1000);
      if ((payload.iat ?? 0) > now + CLOCK_SKEW_SECONDS) throw new Error('issued in the future');
      if (payload.nonce !== expected.nonce) throw new Error('nonce');
      return payload;
    } catch {
      throw new UnauthorizedException(INVALID_ID_TOKEN);
    }
  }

  private keySetOf(issuer: string) {
    return this.keySets.get(issuer, () => this.discover(issuer));
  }

  private async discover(issuer: string) {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await this.outbound.fetch(url, {
        signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch {
      throw new ServiceUnavailableException(
        'The identity provider could not be reached. Try again later.',
      );
    }
    // OpenID Connect Discovery 1.0 section 4.3: the document must name the same issuer.
    if (document.issuer !== issuer || typeof document.jwks_uri !== 'string') {
      throw new UnauthorizedException(INVALID_ID_TOKEN);
    }
    let jwksUri: URL;
    try {
      jwksUri = new URL(document.jwks_uri);
    } catch {
      throw new UnauthorizedException(INVALID_ID_TOKEN);
    }
    return createRemoteJWKSet(jwksUri, {
      timeoutDuration: DISCOVERY_TIMEOUT_MS,
      [customFetch]: this.outbound.fetch,
    });
  }
}
