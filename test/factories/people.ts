import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { UsersService } from '../../src/auth/users.service.js';
import { register, type SignedIn } from '../support/auth-helpers.js';

/** A person who signed up through the API (at `domain`, example.org unless given). */
export const person = register;

/**
 * A platform admin: a person who signed up, made admin as a role change does it (which ends the
 * sessions they had), then signed in again, so their tokens carry the role.
 */
export async function platformAdmin(
  app: NestFastifyApplication,
  label = 'platform',
  domain?: string,
): Promise<SignedIn> {
  const someone = await register(app, label, domain);
  await app.get(UsersService, { strict: false }).setRole(someone.user.id, 'admin');
  const signedIn = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: someone.email, password: someone.password },
  });
  if (signedIn.statusCode !== 200) throw new Error(`admin sign-in: ${signedIn.body}`);
  return { ...signedIn.json(), email: someone.email, password: someone.password };
}
