import { Module } from '@nestjs/common';
import { OrgWellnessModule } from '../org-wellness/org-wellness.module.js';
import { MoodController } from './mood.controller.js';
import { MoodRepository } from './mood.repository.js';
import { MoodService } from './mood.service.js';

@Module({
  imports: [OrgWellnessModule],
  controllers: [MoodController],
  providers: [MoodRepository, MoodService],
  exports: [MoodService],
})
export class MoodModule {}
