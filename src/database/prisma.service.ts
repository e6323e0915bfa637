import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { type Prisma, PrismaClient } from '../generated/prisma/client.js';
import { DatabaseConnection } from './database-connection.js';

/** The one Prisma client of the process, on the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  /**
   * The pool under the adapter (DATABASE_POOL_SIZE connections), for the few statements of the
   * hot routes that skip Prisma's query compiler and result mapping (PoolStatement). One pool for
   * both, so the process holds no more connections than it is allowed; Prisma ends it on
   * disconnect.
   */
  readonly pool: pg.Pool;

  constructor(database: DatabaseConnection) {
    const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}

/** The client or an open transaction of it: what a repository method writes through. */
export type Db = PrismaService | Prisma.TransactionClient;
