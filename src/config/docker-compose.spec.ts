import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import { loadConfig, PRODUCTION_REQUIRED } from './app-config.js';

/** The variables set in docker-compose.yml's shared app environment (x-app). */
function composeAppEnvironment(): Map<string, string> {
  const lines = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^\s+environment: &app-env\s*$/.test(line));
  const variables = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    const match = /^ {4}([A-Z_]+): (.*)$/.exec(line);
    if (match) variables.set(match[1], match[2]);
    else if (!/^ {4}#|^\s*$/.test(line)) break;
  }
  return variables;
}

describe('docker-compose.yml', () => {
  it('supplies every variable production refuses to start without', () => {
    // The list is the one production checks: each missing one is named.
    const { message } = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
        return { message: '' };
      } catch (error) {
        return error as Error;
      }
    })();
    for (const name of PRODUCTION_REQUIRED) expect(message).toContain(name);

    const environment = composeAppEnvironment();
    expect(environment.get('NODE_ENV')).toBe('production');
    for (const name of PRODUCTION_REQUIRED) {
      // From .env, and compose stops with a message when it is missing.
      expect({ name, value: environment.get(name) }).toEqual({
        name,
        value: expect.stringMatching(new RegExp(`^\\$\\{${name}:\\?.+\\}$`)),
      });
    }
  });

  it('can be given fresh values by npm run secrets, which production accepts', () => {
    const printed = execFileSync('npm', ['run', '--silent', 'secrets'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const values = Object.fromEntries(
      printed
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(Object.keys(values).sort()).toEqual([...PRODUCTION_REQUIRED].sort());
    expect(() => loadConfig({ NODE_ENV: 'production', ...values })).not.toThrow();
  });
});
