import { type DynamicModule, Module } from '@nestjs/common';
import { coreModules, FEATURE_MODULES } from './app.module.js';
import type { AppConfig } from './config/app-config.js';

/** The queue worker: the same feature modules, no HTTP, consuming the jobs queue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [...coreModules(config, databaseUrl, true), ...FEATURE_MODULES],
    };
  }
}
