import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/project-root.js';

const run = promisify(execFile);
export const ROOT = PROJECT_ROOT;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the built command-line tools (`dist/...`), as `npm run ...` does. */
export async function runBuiltCli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', [resolve(ROOT, 'dist', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
