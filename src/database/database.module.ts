import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseUrl } from './database-url.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DatabaseUrl, useValue: new DatabaseUrl(databaseUrl) }, PrismaService],
      exports: [PrismaService],
    };
  }
}
