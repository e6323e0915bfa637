import { hostRefusal, isPublicAddress, webhookUrlRefusal } from './webhook-url.js';

const DEV = { requireHttps: false, publicOnly: false };
const PROD = { requireHttps: true, publicOnly: true };

describe('webhook URLs', () => {
  it('tells public addresses from loopback, private, link-local and embedded ones', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) {
      expect(isPublicAddress(address)).toBe(true);
    }
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:a00:1',
      '64:ff9b::a00:1',
      'not an address',
    ]) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
  });

  it('allows http outside production only, and never credentials or other schemes', () => {
    expect(webhookUrlRefusal('http://127.0.0.1:8080/hooks', DEV)).toBeNull();
    expect(webhookUrlRefusal('https://hr.example.com/hooks', PROD)).toBeNull();
    expect(webhookUrlRefusal('http://hr.example.com/hooks', PROD)).toMatch(/https/);
    expect(webhookUrlRefusal('https://user:pw@hr.example.com/', DEV)).toMatch(/credentials/);
    expect(webhookUrlRefusal('https://user@hr.example.com/', DEV)).toMatch(/credentials/);
    expect(webhookUrlRefusal('ftp://hr.example.com/', DEV)).toMatch(/http/);
    expect(webhookUrlRefusal('hr.example.com/hooks', DEV)).toMatch(/absolute/);
  });

  it('refuses literal internal addresses in production, in any spelling', () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://2130706433/',
      'https://0x7f.1/',
      'https://[::1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      expect([url, webhookUrlRefusal(url, PROD)]).toEqual([url, expect.stringMatching(/public/)]);
    }
    expect(webhookUrlRefusal('https://127.0.0.1/', DEV)).toBeNull();
  });

  it('refuses a host that resolves to an internal address or not at all', async () => {
    const dns: Record<string, string[]> = {
      'hr.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
      'sneaky.example.com': ['93.184.215.14', '10.0.0.5'],
      localhost: ['127.0.0.1', '::1'],
    };
    const resolve = async (host: string) => {
      if (!dns[host]) throw new Error('ENOTFOUND');
      return dns[host];
    };
    expect(await hostRefusal('hr.example.com', resolve)).toBeNull();
    expect(await hostRefusal('sneaky.example.com', resolve)).toMatch(/10\.0\.0\.5/);
    expect(await hostRefusal('localhost', resolve)).toMatch(/127\.0\.0\.1/);
    expect(await hostRefusal('nowhere.example.com', resolve)).toMatch(/does not resolve/);
    expect(await hostRefusal('[fe80::1]', resolve)).toMatch(/fe80::1/);
  });
});
