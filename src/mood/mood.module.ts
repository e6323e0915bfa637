import { Module } from '@nestjs/common';
import { MoodController } from './mood.controller.js';
import { MoodRepository } from './mood.repository.js';
import { MoodService } from './mood.service.js';

@Module({
  controllers: [MoodController],
  providers: [MoodRepository, MoodService],
  exports: [MoodService],
})
export class MoodModule {}
