import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AdminRantsController } from './admin-rants.controller.js';
import { RantsController } from './rants.controller.js';
import { RantsRepository } from './rants.repository.js';
import { RantsService } from './rants.service.js';

@Module({
  imports: [AuthModule, AssessmentsModule],
  controllers: [RantsController, AdminRantsController],
  providers: [RantsRepository, RantsService],
})
export class RantsModule {}
