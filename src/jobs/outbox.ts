import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../database/prisma.service.js';
import type { JobName, JobPayload } from './job-catalogue.js';

/**
 * Hands work to the queue through the database: `add` writes an outbox row in the caller's
 * transaction, so the job exists exactly when the change that causes it is committed. The relay
 * (OutboxRelay) moves committed rows to the queue; a process that dies between commit and
 * enqueue leaves the row for the next relay pass, so no recompute is lost.
 */
@Injectable()
export class Outbox {
  /**
   * Queues job `name` with its payload once the surrounding transaction commits. `key` names
   * what the job is about (an organisation id, a user id): pending jobs with the same name and
   * key collapse into one.
   */
  async add<Name extends JobName>(
    writer: Db,
    name: Name,
    key: string,
    payload: JobPayload<Name>,
  ): Promise<void> {
    await writer.outboxEvent.create({
      data: { jobName: name, jobKey: key, payload: payload as Prisma.InputJsonValue },
    });
  }
}
