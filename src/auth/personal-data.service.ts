import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { JournalsService } from '../journals/journals.service.js';
import { MoodService } from '../mood/mood.service.js';
import { AppointmentsService } from '../therapists/appointments.service.js';
import { PUBLIC_USER_COLUMNS } from './users.repository.js';

/**
 * Everything stored about one person, for the export they are entitled to (GDPR art. 15 and 20).
 * Anonymous rants and survey answers are not here: nothing links them to anyone.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly mood: MoodService,
    private readonly journals: JournalsService,
    private readonly appointments: AppointmentsService,
  ) {}

  async export(userId: string) {
    const where = { userId };
    const newestFirst = { createdAt: 'desc' } as const;
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
      this.prisma.user.findUnique({ where: { id: userId }, select: PUBLIC_USER_COLUMNS }),
      this.mood.exportAll(userId),
      this.journals.exportAll(userId),
      this.prisma.assessmentResponse.findMany({
        where,
        orderBy: newestFirst,
        omit: { userId: true },
      }),
      // Through the feature, so the person gets their notes, not the ciphertext.
      this.appointments.exportAll(userId),
      this.prisma.employee.findMany({
        where,
        omit: { userId: true },
        include: { organization: { select: { id: true, name: true } } },
      }),
      this.prisma.buddyMatch.findMany({
        where: { OR: [{ userAId: userId }, { userBId: userId }] },
        orderBy: newestFirst,
      }),
      this.prisma.refreshToken.findMany({
        where,
        select: { familyId: true, createdAt: true, expiresAt: true, rotatedAt: true },
        orderBy: newestFirst,
      }),
      this.prisma.courseEnrollment.findMany({
        where,
        orderBy: newestFirst,
        omit: { userId: true },
      }),
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
