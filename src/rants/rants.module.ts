import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AdminRantsController } from './admin-rants.controller.js';
import { RantsController } from './rants.controller.js';
import { RantsRepository } from './rants.repository.js';
import { RantsService } from './rants.service.js';

@Module({
  imports: [AssessmentsModule],
  controllers: [RantsController, AdminRantsController],
  providers: [RantsRepository, RantsService],
})
export class RantsModule {}
