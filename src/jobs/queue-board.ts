import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BullMqJobRunner } from './bullmq-job-runner.js';
import { JobRunner } from './job-runner.js';
import { outboxSetAsideQueue } from './outbox-board-queue.js';
import { OutboxRepository } from './outbox.repository.js';

export const QUEUE_BOARD_PATH = '/admin/queues';
/** The board's pages call its API from the browser, which cannot add a bearer header. */
const BOARD_COOKIE = 'mm_queue_board';

/** Answers whether `token` is a valid access token of a platform admin. */
export type AdminCheck = (token: string) => Promise<boolean>;

/**
 * Admits platform admins only. The token comes as `Authorization: Bearer`, or once as
 * `?access_token=` (then kept in an HttpOnly cookie scoped to the board, so the board's own
 * requests carry it); anything else answers 401 or 403 as a problem document.
 */
export function adminOnly(isAdmin: AdminCheck, secureCookie: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const fromQuery = typeof query.access_token === 'string' ? query.access_token : undefined;
    const fromCookie = cookieValue(request.headers.cookie, BOARD_COOKIE);
    const token = header?.startsWith('Bearer ') ? header.slice(7) : (fromQuery ?? fromCookie);
    if (!token) return refuse(reply, 401, 'Sign in as an admin to see the queues.');
    if (!(await isAdmin(token))) return refuse(reply, 403, 'The queues are for admins only.');
    if (fromQuery) {
      void reply.header(
        'set-cookie',
        `${BOARD_COOKIE}=${token}; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict${secureCookie ? '; Secure' : ''}`,
      );
    }
  };
}

/**
 * Serves Bull Board at /admin/queues over the service's queues and the outbox rows the relay
 * set aside, behind `adminOnly`. Only when the queues are in Redis (the in-process runner has
 * nothing to show; /health/ready reports rows set aside in either mode).
 */
export async function mountQueueBoard(
  app: NestFastifyApplication,
  isAdmin: AdminCheck,
  secureCookie: boolean,
): Promise<void> {
  const runner = app.get(JobRunner);
  if (!(runner instanceof BullMqJobRunner)) return;
  const outbox = app.get(OutboxRepository, { strict: false });
  const [{ createBullBoard }, { BullMQAdapter }, { BaseAdapter }, { FastifyAdapter }] =
    await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/api/dist/queueAdapters/base.js'),
      import('@bull-board/fastify'),
    ]);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    // The queues first: the board reads Redis's details from the first one.
    queues: [
      ...runner.allQueues().map((queue) => new BullMQAdapter(queue)),
      outboxSetAsideQueue(BaseAdapter, outbox),
    ],
    serverAdapter,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', adminOnly(isAdmin, secureCookie));
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}

function refuse(reply: FastifyReply, status: 401 | 403, detail: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: status === 401 ? 'Unauthorized' : 'Forbidden',
      status,
      detail,
    });
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
