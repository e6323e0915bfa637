import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { OrgWellnessScoresRepository } from './org-wellness-scores.repository.js';
import { OrgWellnessRecomputeService } from './org-wellness-recompute.service.js';
import { OrgWellnessTriggers } from './org-wellness-triggers.js';
import { OrgWellnessController } from './org-wellness.controller.js';
import { OrgWellnessRepository } from './org-wellness.repository.js';
import { OrgWellnessService } from './org-wellness.service.js';

/** The organisation wellness score, its snapshots and the dashboard that shows them. */
@Module({
  imports: [OrgsModule],
  controllers: [OrgWellnessController],
  providers: [
    OrgWellnessRepository,
    OrgWellnessScoresRepository,
    OrgWellnessService,
    OrgWellnessRecomputeService,
    OrgWellnessTriggers,
  ],
  exports: [OrgWellnessTriggers],
})
export class OrgWellnessModule {}
