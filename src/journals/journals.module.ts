import { Module } from '@nestjs/common';
import { JournalsController } from './journals.controller.js';
import { JournalsRepository } from './journals.repository.js';
import { JournalsService } from './journals.service.js';

@Module({
  controllers: [JournalsController],
  providers: [JournalsRepository, JournalsService],
  exports: [JournalsService],
})
export class JournalsModule {}
