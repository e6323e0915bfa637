import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './cli.js';

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Starts the built server (`dist/main.js`) as `npm start` does, with `env` over this one's; or
 * `entry` (the cluster primary) once its output matches `listening`.
 */
export function startBuiltServer(
  env: NodeJS.ProcessEnv,
  { entry = 'dist/main.js', listening = /listening on (http:\/\/[\d.:]+)/ } = {},
): Promise<RunningServer> {
  const child = spawn('node', [resolve(ROOT, entry)], { cwd: ROOT, env });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = listening.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** SIGTERM, and the exit code once it has stopped. */
export function stopBuiltServer(server: RunningServer): Promise<number | null> {
  return new Promise((resolvePromise) => {
    server.child.on('exit', (code) => resolvePromise(code));
    server.child.kill('SIGTERM');
  });
}
