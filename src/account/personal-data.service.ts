import { Injectable } from '@nestjs/common';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { UsersService } from '../auth/users.service.js';
import { BuddyMatchesService } from '../buddies/buddy-matches.service.js';
import { CoursesService } from '../courses/courses.service.js';
import { JournalsService } from '../journals/journals.service.js';
import { MoodService } from '../mood/mood.service.js';
import { EmployeesService } from '../orgs/employees/employees.service.js';
import { AppointmentsService } from '../therapists/appointments.service.js';

/**
 * Everything stored about one person, for the export they are entitled to (GDPR art. 15 and 20),
 * asked of each feature that holds some: each gives it as the person reads it (notes and
 * journals decrypted). Anonymous rants and survey answers are not here: nothing links them to
 * anyone.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly mood: MoodService,
    private readonly journals: JournalsService,
    private readonly assessments: AssessmentsService,
    private readonly appointments: AppointmentsService,
    private readonly employees: EmployeesService,
    private readonly buddyMatches: BuddyMatchesService,
    private readonly courses: CoursesService,
  ) {}

  async export(userId: string) {
    const [
      account,
      moodEntries,
      journals,
      assessmentResponses,
      appointments,
      memberships,
      buddyMatches,
      sessions,
      courseEnrollments,
    ] = await Promise.all([
      this.users.find(userId),
      this.mood.exportAll(userId),
      this.journals.exportAll(userId),
      this.assessments.exportAll(userId),
      this.appointments.exportAll(userId),
      this.employees.exportMemberships(userId),
      this.buddyMatches.exportAll(userId),
      this.sessions.exportAll(userId),
      this.courses.exportAll(userId),
    ]);
    return {
      account,
      moodEntries,
      journals,
      assessmentResponses,
      appointments,
      memberships,
      buddyMatches,
      sessions,
      courseEnrollments,
    };
  }
}
