// Processes the bench starts: each is remembered by pid and stopped by pid, also on failure.
import { fork, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

const started = new Set();

/**
 * Starts `node <args>` and resolves with its URL once a line of its output matches `ready`
 * (`listening on <url>` by default); its output also goes to `logFile`.
 */
export function startServer({
  name,
  args,
  env,
  cwd,
  logFile,
  ready = /listening on (http:\/\/[\d.:]+)/i,
}) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  const log = createWriteStream(logFile);
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within 90 s:\n${seen.slice(-2000)}`)),
      90_000,
    );
    const onData = (chunk) => {
      log.write(chunk);
      if (seen === null) return;
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) {
        clearTimeout(timer);
        seen = null;
        resolve({ name, child, pid: child.pid, url: match[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      started.delete(child);
      log.end();
      clearTimeout(timer);
      if (seen !== null)
        reject(
          new Error(`${name} exited (${code ?? signal}) before listening:\n${seen.slice(-2000)}`),
        );
    });
  });
}

/** Forks a Node script with an IPC channel (the load generator). */
export function forkScript(path, options = {}) {
  const child = fork(path, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options });
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

/** Runs `node <args>` to completion; resolves with its standard output. */
export function runNode(args, { env, cwd, timeoutMs, onStart } = {}) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  started.add(child);
  onStart?.(child);
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const timer = timeoutMs ? setTimeout(() => stop(child), timeoutMs) : undefined;
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      started.delete(child);
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else
        reject(
          Object.assign(new Error(`node ${args[0]} ended with ${code ?? signal}`), {
            signal,
            stdout,
          }),
        );
    });
  });
}

/** Runs a command to completion with its output shown; rejects on a non-zero exit. */
export function runCommand(command, args, { cwd, env } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
  started.add(child);
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      started.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} ended with ${code ?? signal}`));
    });
  });
}

/** Resident set size of a process, in MB, from /proc/<pid>/status (VmRSS and its peak VmHWM). */
export async function residentMemory(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The resident memory of a process and its children (the cluster primary and its API
 * processes), added up, with the number of processes.
 */
export async function treeMemory(pid) {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const all = await Promise.all([pid, ...children].map(residentMemory));
  return {
    processes: all.length,
    rssMb: all.reduce((total, memory) => total + memory.rssMb, 0),
    perProcessRssMb: all.map((memory) => memory.rssMb),
  };
}

/** SIGTERM by pid, SIGKILL if it is still there after `graceMs`. */
export async function stop(child, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done && child.exitCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

/** Stops every process this run started and that is still running. */
export async function stopAll() {
  await Promise.all([...started].map((child) => stop(child).catch(() => undefined)));
}
