import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseConnection } from './database-connection.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string, poolSize?: number): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DatabaseConnection, useValue: new DatabaseConnection(databaseUrl, poolSize) },
        PrismaService,
      ],
      exports: [PrismaService],
    };
  }
}
