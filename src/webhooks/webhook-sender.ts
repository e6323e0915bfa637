/** The longest error text kept on a delivery. */
export const MAX_ERROR_LENGTH = 500;

export type SendOutcome = { delivered: true } | { delivered: false; error: string };

/**
 * POSTs one webhook through `fetch` (the service's guarded one). Any 2xx is delivered; anything else, including a redirect (never followed:
 * it could point inside our network), a timeout or a refused connection, is an error text fit
 * to show the organisation. The response body is not read.
 */
export async function sendWebhook(
  fetch: typeof globalThis.fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { delivered: true };
    const redirect = response.status >= 300 && response.status < 400;
    return {
      delivered: false,
      error: `HTTP ${response.status}${redirect ? ' (redirects are not followed)' : ''}`,
    };
  } catch (error) {
    return { delivered: false, error: describeFailure(error, timeoutMs) };
  }
}

/** fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a TLS error) is its cause. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `No answer within ${timeoutMs / 1000} s.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown }) : undefined;
  const reason = cause?.code ?? cause?.message;
  return typeof reason === 'string' ? `${message}: ${reason}` : message;
}
