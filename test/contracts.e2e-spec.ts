import { runBuiltCli } from './support/cli.js';
import { ADMIN_URL } from './support/test-database.js';

describe('what the repository commits agrees with the code', () => {
  it('schema.prisma and the migrations have not drifted apart (npm run db:check)', async () => {
    // The engine connects to a server to start; the check itself reads and writes nothing there.
    const result = await runBuiltCli('database/migrations/cli.js', ['check'], {
      DATABASE_URL: ADMIN_URL,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('agree');
  });

  it('openapi/openapi.json is exactly what the code generates (npm run openapi)', async () => {
    const result = await runBuiltCli('openapi/cli.js', ['--check']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
