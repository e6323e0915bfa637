import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';

export const TOKEN_ISSUER = 'mindfulme';
export const TOKEN_AUDIENCE = 'mindfulme-api';
/** Client-credentials tokens have their own audience: one can never pass for a person's. */
export const CLIENT_TOKEN_AUDIENCE = 'mindfulme-hr';
/** The one algorithm accepted: anything else, `none` included, is refused. */
export const TOKEN_ALGORITHM = 'HS256' as const;
/**
 * A bound on the access tokens this service signs: HS256 JWS of a few fixed claims (ids, a role
 * or the client's scopes, times), about 330 characters for a person and 400 for an HR client.
 */
export const ACCESS_TOKEN_MAX_LENGTH = 1024;

/**
 * The HS256 key, built once as a KeyObject: handed a string, jsonwebtoken derives a key on every
 * call and verifies about fifty times slower.
 *
 * With it, a request's token check (passport-jwt's jsonwebtoken) measured about 7 µs of CPU on
 * Node 20, the whole global guard with Passport about 20 µs and the session check about 40 µs.
 * jose's `jwtVerify` took 45 to 77 µs a token (WebCrypto), and a hand-written single-pass HMAC
 * check saved about 2 µs: neither is a reason to leave passport-jwt.
 */
export class AccessTokenKey {
  constructor(readonly key: KeyObject) {}

  static fromConfig(config: AppConfig): AccessTokenKey {
    if (config.JWT_SECRET)
      return new AccessTokenKey(createSecretKey(Buffer.from(config.JWT_SECRET)));
    new Logger('AccessTokenKey').warn(
      'JWT_SECRET is not set: signing with a random key; sessions end when the process restarts.',
    );
    return new AccessTokenKey(createSecretKey(randomBytes(32)));
  }
}

/**
 * Holds the one AccessTokenKey of the process, shared by the signer (JwtModule) and the verifier
 * (JwtStrategy): two instances would mean two random keys when JWT_SECRET is unset.
 */
@Module({
  providers: [
    { provide: AccessTokenKey, inject: [AppConfig], useFactory: AccessTokenKey.fromConfig },
  ],
  exports: [AccessTokenKey],
})
export class AccessTokenKeyModule {}
