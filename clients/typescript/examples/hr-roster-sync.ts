import { createMindfulMeClient } from '../src/index.ts';

/**
 * An HR system's nightly roster sync: a client-credentials token, then the whole roster in one
 * call (an upsert: people left out are untouched; a leaver is a row with `active: false`).
 */
export async function syncRoster(options: {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  people: Array<{ externalId: string; email: string; department?: string; active?: boolean }>;
}): Promise<{ created: number; updated: number; deactivated: number }> {
  const api = createMindfulMeClient({ baseUrl: options.baseUrl });
  const token = await api.POST('/v1/oauth/token', {
    body: {
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: 'employees:write',
    },
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  if (!token.data) throw new Error(`token refused: ${JSON.stringify(token.error)}`);

  const hr = createMindfulMeClient({
    baseUrl: options.baseUrl,
    accessToken: token.data.access_token,
  });
  const synced = await hr.PUT('/v1/orgs/{orgId}/employees', {
    params: { path: { orgId: options.orgId } },
    body: { employees: options.people },
  });
  if (synced.error) {
    // 422: nothing was applied; each refused row says why.
    const refused = 'results' in synced.error ? (synced.error.results ?? []) : [];
    throw new Error(refused.map((row) => `row ${row.index} (${row.key}): ${row.error}`).join('\n'));
  }
  const { created, updated, deactivated } = synced.data.summary;
  return { created, updated, deactivated };
}
