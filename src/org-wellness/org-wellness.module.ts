import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { MemberStreaksRepository } from './member-streaks.repository.js';
import { OrgWellnessScoresRepository } from './org-wellness-scores.repository.js';
import { OrgWellnessRecomputeService } from './org-wellness-recompute.service.js';
import { OrgWellnessTriggersModule } from './org-wellness-triggers.module.js';
import { OrgWellnessController } from './org-wellness.controller.js';
import { OrgWellnessRepository } from './org-wellness.repository.js';
import { OrgWellnessService } from './org-wellness.service.js';
import { ORG_WELLNESS_JOBS } from './org-wellness.jobs.js';

/** The organisation wellness score, its snapshots and the dashboard that shows them. */
@Module({
  imports: [OrgsModule, OrgWellnessTriggersModule, JobsModule.forFeature(ORG_WELLNESS_JOBS)],
  controllers: [OrgWellnessController],
  providers: [
    OrgWellnessRepository,
    OrgWellnessScoresRepository,
    MemberStreaksRepository,
    OrgWellnessService,
    OrgWellnessRecomputeService,
  ],
  exports: [OrgWellnessTriggersModule],
})
export class OrgWellnessModule {}
