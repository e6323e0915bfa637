// Before every test file's modules load. Queue workers give up a job's lock after this long
// without renewal (a crashed worker); the queue processors read it when they are defined, so it
// must be set before any import. Short here, so the crash test waits seconds, not the
// production half-minute.
process.env.JOB_LOCK_DURATION_MS ??= '1500';
