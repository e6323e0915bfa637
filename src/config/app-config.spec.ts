import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.data', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads and converts what is set, and treats blank values as absent', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: '',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names every malformed variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('requires signing and encryption keys in production, and never prints their values', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS: is required/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required/);
    let message = '';
    try {
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'short-secret',
        ENCRYPTION_KEYS: 'a:c2VjcmV0',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/ENCRYPTION_KEYS: key "a" is not 32 bytes/);
    expect(message).not.toMatch(/short-secret|c2VjcmV0/);
  });

  it('reads the allowed CORS origins as a list, empty by default, and refuses what is not an origin', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.acme.com, http://localhost:5173' }).CORS_ORIGINS,
    ).toEqual(['https://app.acme.com', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.acme.com/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'app.acme.com' })).toThrow(/CORS_ORIGINS/);
  });

  it('reads how many PostgreSQL connections the process may hold, 20 unless told', () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(20);
    expect(loadConfig({ DATABASE_POOL_SIZE: '8' }).DATABASE_POOL_SIZE).toBe(8);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('bounds the time a client has to send its request', () => {
    expect(loadConfig({}).REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '5000' }).REQUEST_TIMEOUT_MS).toBe(5000);
    // 0 would mean "no limit" to Node.
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });

  it('keeps outbound requests to public addresses unless told, and reads DNS servers as addresses', () => {
    expect(loadConfig({}).OUTBOUND_ALLOW_PRIVATE_ADDRESSES).toBe(false);
    expect(
      loadConfig({ OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true' }).OUTBOUND_ALLOW_PRIVATE_ADDRESSES,
    ).toBe(true);
    expect(loadConfig({}).DNS_RESOLVERS).toEqual([]);
    expect(loadConfig({ DNS_RESOLVERS: '1.1.1.1, 10.0.0.2:5353,[::1]:53' }).DNS_RESOLVERS).toEqual([
      '1.1.1.1',
      '10.0.0.2:5353',
      '[::1]:53',
    ]);
    expect(() => loadConfig({ DNS_RESOLVERS: 'dns.google' })).toThrow(/DNS_RESOLVERS/);
  });
});
