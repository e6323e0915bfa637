import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CoursesModule } from '../courses/courses.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';
import { CrisisDirectory } from './crisis-resources.js';
import { AppConfig } from '../config/app-config.js';

@Module({
  imports: [AuthModule, CoursesModule, TherapistsModule],
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
  exports: [CrisisDirectory, AssessmentsService],
})
export class AssessmentsModule {}
