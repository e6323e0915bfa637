import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BuddiesModule } from '../buddies/buddies.module.js';
import { CoursesModule } from '../courses/courses.module.js';
import { JournalsModule } from '../journals/journals.module.js';
import { MoodModule } from '../mood/mood.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { PersonalDataService } from './personal-data.service.js';

/**
 * A person's own account: their profile, password and sessions, the export of everything held
 * about them (asked of each feature that holds some), and erasure.
 */
@Module({
  imports: [
    AuthModule,
    MoodModule,
    JournalsModule,
    AssessmentsModule,
    TherapistsModule,
    OrgsModule,
    BuddiesModule,
    CoursesModule,
  ],
  controllers: [MeController],
  providers: [MeService, PersonalDataService],
})
export class AccountModule {}
