import { AuthModule } from '../auth/auth.module.js';
import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { BUDDY_JOBS } from './buddies.jobs.js';
import { BuddiesController } from './buddies.controller.js';
import { BuddyCandidatesRepository } from './buddy-candidates.repository.js';
import { BuddyCandidatesService } from './buddy-candidates.service.js';
import { BuddyMatchesRepository } from './buddy-matches.repository.js';
import { BuddyMatchesService } from './buddy-matches.service.js';
import { BuddyProfilesRepository } from './buddy-profiles.repository.js';
import { BuddyProfilesService } from './buddy-profiles.service.js';

/** Peer buddy matching: opt-in profiles, stored candidate lists, requests, matches and blocks. */
@Module({
  imports: [AuthModule, JobsModule.forFeature(BUDDY_JOBS)],
  controllers: [BuddiesController],
  providers: [
    BuddyProfilesRepository,
    BuddyMatchesRepository,
    BuddyCandidatesRepository,
    BuddyProfilesService,
    BuddyMatchesService,
    BuddyCandidatesService,
  ],
  exports: [BuddyMatchesService],
})
export class BuddiesModule {}
