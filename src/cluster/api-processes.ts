import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ClusterPlan } from './cluster-plan.js';

/** A process that crashes this often within RESTART_WINDOW_MS is not started again. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/**
 * The API processes of one cluster primary, each in a slot (0 to N-1) that keeps its role when
 * its process is replaced. The first starts alone: it creates what the others then find
 * (outside production, the keys kept in DATA_DIR), and a configuration it refuses stops
 * everything before N copies of the same error. A process that ends after it has listened is
 * replaced; one that ends before ever listening, or crashes too often, stops the cluster with
 * exit code 1, for the service manager to see.
 */
export class ApiProcesses {
  private readonly slots = new Map<number, Worker>();
  private readonly listened = new Set<number>();
  private readonly restarts = new Map<number, number[]>();
  private stopping = false;
  private announced = false;
  private finished!: (code: number) => void;
  /** Resolves with the primary's exit code once every process has ended. */
  readonly done = new Promise<number>((resolve) => (this.finished = resolve));
  private exitCode = 0;

  constructor(
    private readonly plan: ClusterPlan,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logger: Logger,
    /** How long the processes may take to stop before they are killed. */
    private readonly graceMs: number,
  ) {}

  start(): void {
    cluster.on('listening', (worker, address) => this.onListening(worker, address));
    cluster.on('exit', (worker, code, signal) => this.onExit(worker, code, signal));
    this.fork(0);
  }

  /** SIGTERM to every process; each finishes its requests and jobs in flight and exits. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.logger.info(`Stopping ${this.slots.size} API processes`);
    for (const worker of this.slots.values()) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.logger.error(`API processes still running after ${this.graceMs} ms; killing them`);
      for (const worker of this.slots.values()) worker.process.kill('SIGKILL');
      this.exitCode = 1;
    }, this.graceMs);
    timer.unref();
    this.finishIfEmpty();
  }

  private fork(slot: number): void {
    const worker = cluster.fork({
      ...this.env,
      ...this.plan.sharedEnv,
      ...this.plan.slotEnv(slot),
    });
    this.slots.set(slot, worker);
  }

  private slotOf(worker: Worker): number | undefined {
    for (const [slot, held] of this.slots) if (held === worker) return slot;
    return undefined;
  }

  private onListening(worker: Worker, address: AddressInfo | { address: string; port: number }) {
    const slot = this.slotOf(worker);
    if (slot === undefined) return;
    const first = !this.listened.has(slot);
    this.listened.add(slot);
    if (this.stopping) return;
    if (this.announced) {
      this.logger.info(`API process ${slot + 1} (pid ${worker.process.pid}) is listening again`);
      return;
    }
    if (slot === 0 && first) for (let next = 1; next < this.plan.processes; next++) this.fork(next);
    if (this.listened.size === this.plan.processes) {
      this.announced = true;
      const host = address.address?.includes(':') ? `[${address.address}]` : address.address;
      this.logger.info(
        `MindfulMe API: ${this.plan.processes} processes listening on http://${host ?? 'localhost'}:${address.port}`,
      );
    }
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    const slot = this.slotOf(worker);
    if (slot === undefined) return;
    this.slots.delete(slot);
    const ended = signal ?? `code ${code}`;
    if (this.stopping) {
      if (code !== 0) this.exitCode = 1;
      return this.finishIfEmpty();
    }
    if (!this.listened.has(slot)) {
      this.logger.error(`API process ${slot + 1} ended (${ended}) before listening; stopping`);
      return this.abort();
    }
    const now = Date.now();
    const recent = [...(this.restarts.get(slot) ?? []), now].filter(
      (at) => now - at < RESTART_WINDOW_MS,
    );
    this.restarts.set(slot, recent);
    if (recent.length > MAX_RESTARTS) {
      this.logger.error(
        `API process ${slot + 1} ended ${recent.length} times within a minute (last: ${ended}); stopping`,
      );
      return this.abort();
    }
    this.logger.warn(
      `API process ${slot + 1} (pid ${worker.process.pid}) ended (${ended}); starting another`,
    );
    this.fork(slot);
  }

  private abort(): void {
    this.exitCode = 1;
    this.stop();
  }

  private finishIfEmpty(): void {
    if (this.stopping && this.slots.size === 0) this.finished(this.exitCode);
  }
}
