import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { RantsController } from './rants.controller.js';
import { RantsRepository } from './rants.repository.js';
import { RantsService } from './rants.service.js';

@Module({
  imports: [AssessmentsModule],
  controllers: [RantsController],
  providers: [RantsRepository, RantsService],
})
export class RantsModule {}
