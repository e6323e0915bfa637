import { Module } from '@nestjs/common';
import { OrgWellnessTriggers } from './org-wellness-triggers.service.js';

/**
 * Just the triggers, for features whose changes move an organisation's score (mood): they queue
 * the recompute without pulling in the score's jobs and routes (which a command-line tool such
 * as the re-encryption command does not run).
 */
@Module({ providers: [OrgWellnessTriggers], exports: [OrgWellnessTriggers] })
export class OrgWellnessTriggersModule {}
