import { Module } from '@nestjs/common';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';
import { CrisisDirectory } from './crisis-resources.js';
import { AppConfig } from '../config/app-config.js';

@Module({
  controllers: [AssessmentsController],
  providers: [
    AssessmentsRepository,
    AssessmentsService,
    {
      provide: CrisisDirectory,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => CrisisDirectory.load(config.CRISIS_RESOURCES_FILE),
    },
  ],
  exports: [CrisisDirectory],
})
export class AssessmentsModule {}
