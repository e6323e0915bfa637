import { Module } from '@nestjs/common';
import { OrgWellnessTriggersModule } from '../org-wellness/org-wellness-triggers.module.js';
import { MoodController } from './mood.controller.js';
import { MoodRepository } from './mood.repository.js';
import { MoodService } from './mood.service.js';

@Module({
  imports: [OrgWellnessTriggersModule],
  controllers: [MoodController],
  providers: [MoodRepository, MoodService],
  exports: [MoodService],
})
export class MoodModule {}
