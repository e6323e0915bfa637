import type { BaseAdapter } from '@bull-board/api/dist/queueAdapters/base.js';
import type {
  JobCounts,
  JobStatus,
  QueueJob,
  QueueJobJson,
  QueueMetrics,
  Status,
} from '@bull-board/api/dist/types.js';
import { isUuid } from './job-payload.js';
import type { OutboxRepository, SetAsideEvent } from './outbox.repository.js';

export const SET_ASIDE_QUEUE = 'outbox-set-aside';

/**
 * The outbox rows the relay set aside, shown in Bull Board beside the queues as a queue of
 * failed jobs: the job name, the payload, and the reason as the failure. Read from PostgreSQL,
 * where the rows live, so the board never disagrees with the table. Read-only: releasing a row
 * after a fix, or deleting it, is done in SQL (see the README), where the reason is at hand.
 * `Base` is Bull Board's BaseAdapter, loaded with the board.
 */
export function outboxSetAsideQueue(
  Base: typeof BaseAdapter,
  outbox: OutboxRepository,
): BaseAdapter {
  class OutboxSetAsideQueue extends Base {
    constructor() {
      super('bullmq', {
        readOnlyMode: true,
        displayName: 'outbox: rows set aside',
        description: 'Outbox rows the relay could not route (unknown job, refused payload).',
      });
    }

    getName = () => SET_ASIDE_QUEUE;
    // Asked of every adapter of type bullmq when the board draws a job's flow: no flows here.
    getQueueName = () => SET_ASIDE_QUEUE;
    getQueueQualifiedName = () => SET_ASIDE_QUEUE;
    getFlowProducer = async () => null;
    getStatuses = (): Status[] => ['latest', 'failed'];
    getJobStatuses = (): JobStatus[] => ['failed'];

    async getJobCounts(): Promise<JobCounts> {
      const byJob = await outbox.setAsideCounts();
      return { failed: Object.values(byJob).reduce((sum, count) => sum + count, 0) };
    }

    async getJobs(statuses: JobStatus[], start = 0, end = 9): Promise<QueueJob[]> {
      if (!statuses.includes('failed')) return [];
      const rows = await outbox.setAsideRows(start, end - start + 1);
      return rows.map(boardJob);
    }

    async getJob(id: string): Promise<QueueJob | null> {
      const row = isUuid(id) ? await outbox.setAsideRow(id) : null;
      return row && boardJob(row);
    }

    getJobLogs = async (): Promise<string[]> => [];
    getMetrics = async (): Promise<QueueMetrics> => ({
      meta: { count: 0, prevTS: 0, prevCount: 0 },
      data: [],
      count: 0,
    });
    getRedisInfo = async () => null;
    isPaused = async () => false;
    getGlobalConcurrency = async () => null;
    getJobSchedulers = async () => [];
    getJobSchedulersCount = async () => 0;
    removeJobScheduler = async () => false;
    updateJobScheduler = async () => 'not-found' as const;
    runJobSchedulerNow = async () => 'not-found' as const;
    // Read-only: Bull Board refuses these before asking; anything else that asks is refused here.
    clean = refuse;
    addJob = refuse;
    pause = refuse;
    resume = refuse;
    empty = refuse;
    obliterate = refuse;
    promoteAll = refuse;
    setGlobalConcurrency = refuse;
  }
  return new OutboxSetAsideQueue();
}

function boardJob(row: SetAsideEvent): QueueJob {
  const json: QueueJobJson = {
    id: row.id,
    name: row.jobName,
    data: row.payload,
    opts: { jobKey: row.jobKey },
    timestamp: row.createdAt.getTime(),
    finishedOn: row.setAsideAt.getTime(),
    failedReason: row.reason,
    stacktrace: [],
    attemptsMade: 0,
    progress: 0,
    returnvalue: null,
  };
  return {
    opts: {},
    toJSON: () => json,
    getState: async () => 'failed',
    promote: refuse,
    remove: refuse,
    retry: refuse,
  };
}

async function refuse(): Promise<never> {
  throw new Error('Outbox rows set aside are released or deleted in SQL, not from the board.');
}
