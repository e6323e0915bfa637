import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
  email: string;
  password: string;
}

export function uniqueEmail(label = 'person', domain = 'example.org'): string {
  return `${label}-${randomBytes(4).toString('hex')}@${domain}`;
}

/** Registers a new person through the API (at `domain`, example.org unless given). */
export async function register(
  app: NestFastifyApplication,
  label?: string,
  domain?: string,
): Promise<SignedIn> {
  const email = uniqueEmail(label, domain);
  const password = 'correct horse battery staple';
  const response = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email, password },
  });
  if (response.statusCode !== 201)
    throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  return { ...response.json(), email, password };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
