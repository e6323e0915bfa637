import { mayBeCached } from './cache-control.js';

describe('mayBeCached', () => {
  it('lets the docs, the OpenAPI document and the probes be cached', () => {
    for (const url of [
      '/docs',
      '/docs/swagger-ui.css',
      '/openapi.json',
      '/health',
      '/health/ready?x=1',
    ]) {
      expect(mayBeCached(url)).toBe(true);
    }
  });

  it('keeps everything else out of caches, look-alike paths included', () => {
    for (const url of [
      '/v1/me',
      '/scim/v2/Users',
      '/admin/queues',
      '/docs-private',
      '/healthz',
      '/v1/docs',
    ]) {
      expect(mayBeCached(url)).toBe(false);
    }
  });
});
