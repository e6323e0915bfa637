import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };

/** A body the API answers, by its schema's name: `Schema<'EmployeeDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface MindfulMeClientOptions {
  /** Where the API is, e.g. `https://api.example.com` (the document's `servers`). */
  baseUrl: string;
  /**
   * The bearer token to send: an HR client's client-credentials token (POST /v1/oauth/token)
   * or a person's access token. A function is called before every request, so a caller can
   * renew a token that is about to expire.
   */
  accessToken?: string | (() => string | Promise<string>);
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

/** A client whose every path, parameter, body and answer is typed from the OpenAPI document. */
export function createMindfulMeClient(options: MindfulMeClientOptions): Client<paths> {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const { accessToken } = options;
  if (accessToken !== undefined) {
    const authorize: Middleware = {
      async onRequest({ request }) {
        const token = typeof accessToken === 'function' ? await accessToken() : accessToken;
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(authorize);
  }
  return client;
}
