// POST /v1/auth/login: argon2id verification, a refresh token row, a signed access token.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import jwt from 'jsonwebtoken';
import {
  AUDIENCE,
  HttpProblem,
  ISSUER,
  key,
  load,
  pool,
  REFRESH_TTL_MS,
  TOKEN_TTL_SECONDS,
} from './context.mjs';

const { ARGON2_OPTIONS } = await load('auth/passwords.js');

let decoy;

export function registerLoginRoute(app) {
  app.post(
    '/v1/auth/login',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            password: { type: 'string', minLength: 1, maxLength: 128 },
          },
        },
      },
    },
    async (request) => {
      const email = request.body.email.normalize('NFKC').trim().toLowerCase();
      const {
        rows: [found],
      } = await pool.query(
        `SELECT id, email, role, display_name, avatar_url, timezone, preferences, created_at, password
         FROM users WHERE email = $1 LIMIT 1`,
        [email],
      );
      const verify = (hash) => argon2.verify(hash, request.body.password).catch(() => false);
      decoy ??= argon2.hash('decoy password that matches no account', ARGON2_OPTIONS);
      const valid = found ? await verify(found.password) : await verify(await decoy);
      if (!found || !valid) throw new HttpProblem(401, 'The email or password is not right.');
      const refreshToken = randomBytes(32).toString('base64url');
      const familyId = randomUUID();
      await pool.query(
        `INSERT INTO refresh_tokens (token, user_id, family_id, expires_at) VALUES ($1, $2, $3, $4)`,
        [
          createHash('sha256').update(refreshToken).digest('hex'),
          found.id,
          familyId,
          new Date(Date.now() + REFRESH_TTL_MS),
        ],
      );
      // jsonwebtoken, as the service's JwtService signs.
      const accessToken = jwt.sign({ role: found.role, sid: familyId }, key, {
        algorithm: 'HS256',
        subject: found.id,
        issuer: ISSUER,
        audience: AUDIENCE,
        expiresIn: TOKEN_TTL_SECONDS,
      });
      return {
        accessToken,
        refreshToken,
        expiresIn: TOKEN_TTL_SECONDS,
        user: {
          id: found.id,
          email: found.email,
          role: found.role,
          displayName: found.display_name,
          avatarUrl: found.avatar_url,
          timezone: found.timezone,
          preferences: found.preferences ?? {},
          createdAt: found.created_at,
        },
      };
    },
  );
}
