import { createServer, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { Agent, fetch } from 'undici';
import { NonPublicAddressError, publicOnlyLookup, type ResolveAll } from './outbound-http.js';

/** A DNS that answers what the test says: the attacker's rebound name points inside. */
const fakeDns =
  (records: Record<string, LookupAddress[]>): ResolveAll =>
  (hostname, _options, callback) => {
    const addresses = records[hostname];
    if (!addresses) callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    else callback(null, addresses);
  };

describe('the public-only socket lookup', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  const dns = fakeDns({
    'rebound.test': [{ address: '127.0.0.1', family: 4 }],
    'mixed.test': [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ],
  });

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits += 1;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a name that resolves to an internal address, before any byte is sent', async () => {
    const guarded = new Agent({ connect: { lookup: publicOnlyLookup(dns) } });
    const open = new Agent({ connect: { lookup: dns as never } });
    const url = `http://rebound.test:${port}/.well-known/openid-configuration`;
    await expect(fetch(url, { dispatcher: guarded })).rejects.toMatchObject({
      cause: expect.any(NonPublicAddressError),
    });
    expect(hits).toBe(0);
    // The same request without the guard reaches the internal server: the guard is what stops it.
    expect((await fetch(url, { dispatcher: open })).status).toBe(200);
    expect(hits).toBe(1);
    await Promise.all([guarded.close(), open.close()]);
  });

  it('refuses a name with any internal address among public ones', () => {
    const lookup = publicOnlyLookup(dns);
    return new Promise<void>((resolve) => {
      lookup('mixed.test', {}, (error) => {
        expect(error).toBeInstanceOf(NonPublicAddressError);
        expect(error?.message).toMatch(/10\.0\.0\.5/);
        resolve();
      });
    });
  });
});
