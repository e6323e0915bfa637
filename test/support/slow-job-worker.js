// A worker process for the crash test: the built jobs module, consuming the queues, with one job
// ("test.slow") that announces itself on stdout and then never finishes, so the test can kill
// the process mid-job. Plain JavaScript on the built code (`npm test` builds first).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../dist/config/app-config.js';
import { ConfigModule } from '../../dist/config/config.module.js';
import { DatabaseModule } from '../../dist/database/database.module.js';
import { JobRegistry } from '../../dist/jobs/job-registry.js';
import { JobsModule } from '../../dist/jobs/jobs.module.js';

const config = loadConfig();

class SlowJobModule {}
const slowJobModule = {
  module: SlowJobModule,
  providers: [
    {
      provide: 'SLOW_JOB',
      inject: [JobRegistry],
      useFactory: (registry) => {
        registry.declare([
          { name: 'test.slow', queue: 'maintenance', attempts: 3, parse: (data) => data },
        ]);
        registry.handle('test.slow', async (data) => {
          process.stdout.write(`started ${data.n}\n`);
          await new Promise(() => undefined);
        });
        return registry;
      },
    },
  ],
};

class WorkerRoot {}
const app = await NestFactory.createApplicationContext(
  {
    module: WorkerRoot,
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(config.DATABASE_URL),
      JobsModule.forRoot(config, { consume: true }),
      slowJobModule,
    ],
  },
  { logger: false },
);
await app.init();
process.stdout.write('ready\n');
