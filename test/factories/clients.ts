import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../support/auth-helpers.js';

/** An API client of the organisation, made by its admin: the client id and secret. */
export async function hrClient(
  app: NestFastifyApplication,
  orgId: string,
  adminAccessToken: string,
  scopes: string[],
): Promise<{ clientId: string; clientSecret: string }> {
  const created = await app.inject({
    method: 'POST',
    url: `/v1/orgs/${orgId}/api-clients`,
    headers: bearer(adminAccessToken),
    payload: { name: `HR ${scopes.join(' ')}`, scopes },
  });
  if (created.statusCode !== 201) throw new Error(`api client: ${created.body}`);
  return created.json();
}

/** A client-credentials request with HTTP Basic, as HR systems send it. */
export function requestClientToken(
  app: NestFastifyApplication,
  client: { clientId: string; clientSecret: string },
) {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
  return app.inject({
    method: 'POST',
    url: '/v1/oauth/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${basic}`,
    },
    payload: 'grant_type=client_credentials',
  });
}

/** A token of a new API client of the organisation holding `scopes`. */
export async function hrClientToken(
  app: NestFastifyApplication,
  orgId: string,
  adminAccessToken: string,
  scopes: string[],
): Promise<string> {
  const response = await requestClientToken(
    app,
    await hrClient(app, orgId, adminAccessToken, scopes),
  );
  if (response.statusCode !== 200) throw new Error(`client token: ${response.body}`);
  return response.json().access_token as string;
}
