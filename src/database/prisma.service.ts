import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '../generated/prisma/client.js';
import { DatabaseUrl } from './database-url.js';

/** The one Prisma client of the process, on the `pg` driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(databaseUrl: DatabaseUrl) {
    super({ adapter: new PrismaPg({ connectionString: databaseUrl.value, max: 20 }) });
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
