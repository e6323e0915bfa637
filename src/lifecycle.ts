/**
 * On SIGTERM or SIGINT: run `shutdown` (stop accepting, finish in-flight work, close
 * connections) and exit 0; if it takes longer than `timeoutMs`, exit 1 anyway.
 */
export function runUntilSignalled(timeoutMs: number, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      console.error(`Shutdown after ${signal} took longer than ${timeoutMs} ms; exiting.`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
