import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { runBuiltCli, ROOT } from './support/cli.js';
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

  it('the committed document passes the lint gate: spectral:oas and OWASP API 2023, 0 errors', async () => {
    // .spectral.mjs names every rule switched off and why; warnings are reported, not fatal.
    const spectral = resolve(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js');
    const run = await promisify(execFile)(
      'node',
      [spectral, 'lint', 'openapi/openapi.json', '--ruleset', '.spectral.mjs', '-f', 'json', '-q'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    ).then(
      ({ stdout }) => ({ failed: false, stdout, stderr: '' }),
      (error: { stdout?: string; stderr?: string }) => ({
        failed: true,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }),
    );
    const findings = JSON.parse(run.stdout.trim() || '[]') as Array<{
      code: string;
      severity: number;
      path: string[];
    }>;
    const errors = findings
      .filter((finding) => finding.severity === 0)
      .map((finding) => `${finding.code} at ${finding.path.join('.')}`);
    // Spectral exits non-zero for errors; without any, a failure is the linter's own.
    expect({
      errors,
      linterFailure: run.failed && errors.length === 0 ? run.stderr : null,
    }).toEqual({ errors: [], linterFailure: null });
  }, 120_000);
});
