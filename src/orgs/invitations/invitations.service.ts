import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AuthenticatedUser, Principal } from '../../auth/roles.js';
import { normaliseEmail } from '../../auth/tokens.js';
import { UsersService } from '../../auth/users.service.js';
import { decodeCursor, toPage } from '../../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../../common/pagination/page.dto.js';
import { PrismaService } from '../../database/prisma.service.js';
import { Outbox } from '../../jobs/outbox.js';
import { EmployeesRepository } from '../employees/employees.repository.js';
import { RECOMPUTE_WELLNESS } from '../../org-wellness/org-wellness.jobs.js';
import { OrgAccessService } from '../org-access.service.js';
import { departmentAllowed, unknownDepartmentMessage } from '../org-settings.js';
import { newAnonymizedId } from '../anonymized-id.js';
import type {
  AcceptedInvitationDto,
  InvitationDto,
  InvitationPageDto,
  InvitationStatus,
  InviteDto,
  ReceivedInvitationPageDto,
} from './dto/invitation.dto.js';
import { InvitationsRepository, type StoredInvitation } from './invitations.repository.js';
import { isUniqueViolation } from '../../database/unique-violation.js';

/** How long an invitation can be accepted. */
export const INVITATION_TTL_DAYS = 14;

const NO_SUCH_INVITATION = 'No such open invitation.';

/**
 * Consent: how a person outside the organisation's verified domains joins it. The organisation
 * asks; only the person, signed in with the invited email, can accept. Until then nothing of
 * theirs reaches the organisation.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly invitations: InvitationsRepository,
    private readonly employees: EmployeesRepository,
    private readonly access: OrgAccessService,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  async invite(principal: Principal, orgId: string, input: InviteDto): Promise<InvitationDto> {
    await this.access.assertCanManage(principal, orgId);
    const email = normaliseEmail(input.email);
    return this.prisma.$transaction(async (tx) => {
      const settings = await this.employees.lockOrg(tx, orgId);
      if (!settings) throw new NotFoundException('No such organisation.');
      if (!departmentAllowed(settings, input.department)) {
        throw new UnprocessableEntityException(unknownDepartmentMessage(input.department!));
      }
      const account = await this.users.findByEmail(email, tx);
      const membership = account && (await this.employees.findMembership(tx, orgId, account.id));
      if (membership && membership.endedAt === null) {
        throw new ConflictException('This person is already a member of the organisation.');
      }
      await this.invitations.expireLapsed(tx, orgId, email);
      try {
        const created = await this.invitations.create(tx, {
          orgId,
          email,
          jobTitle: input.jobTitle ?? null,
          department: input.department ?? null,
          externalId: input.externalId ?? null,
          displayName: input.displayName ?? null,
          expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
        });
        return toInvitationDto(created);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictException('This person already has an open invitation.');
        }
        throw error;
      }
    });
  }

  async listOfOrg(
    principal: Principal,
    orgId: string,
    query: CursorQueryDto,
  ): Promise<InvitationPageDto> {
    await this.access.assertCanManage(principal, orgId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.invitations.pageOfOrg(orgId, limit, cursor);
    return toPage(rows, limit, toInvitationDto);
  }

  async withdraw(principal: Principal, orgId: string, id: string): Promise<void> {
    await this.access.assertCanManage(principal, orgId);
    if ((await this.invitations.withdraw(orgId, id)) === 0) {
      throw new NotFoundException(NO_SUCH_INVITATION);
    }
  }

  /** The open invitations addressed to the signed-in person's email. */
  async received(
    user: AuthenticatedUser,
    query: CursorQueryDto,
  ): Promise<ReceivedInvitationPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const email = (await this.users.find(user.userId))?.email ?? null;
    if (!email) return { items: [], nextCursor: null };
    const rows = await this.invitations.openFor(email, limit, cursor);
    return toPage(rows, limit, (row) => ({
      id: row.id,
      orgId: row.orgId,
      orgName: row.organization.name,
      jobTitle: row.jobTitle,
      department: row.department,
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
    }));
  }

  /** The person joins: a membership with the invitation's details (or theirs again if it ended). */
  async accept(user: AuthenticatedUser, id: string): Promise<AcceptedInvitationDto> {
    const email = (await this.users.find(user.userId))?.email ?? null;
    if (!email) throw new NotFoundException(NO_SUCH_INVITATION);
    // The answer, the membership and the recompute go together.
    return this.prisma.$transaction(async (tx) => {
      const invitation = await this.invitations.respond(tx, id, email, 'accepted');
      if (!invitation) throw new NotFoundException(NO_SUCH_INVITATION);
      const { orgId } = invitation;
      await this.employees.lockOrg(tx, orgId);
      const details = {
        jobTitle: invitation.jobTitle,
        department: invitation.department,
        externalId: invitation.externalId,
        displayName: invitation.displayName,
        endedAt: null,
      };
      const membership = await this.employees.findMembership(tx, orgId, user.userId);
      if (membership && membership.endedAt === null) {
        throw new ConflictException('You are already a member of this organisation.');
      }
      let employeeId: string;
      try {
        employeeId = membership
          ? (await this.employees.updateMembership(tx, membership.id, details), membership.id)
          : await this.employees.createMembership(tx, {
              ...details,
              orgId,
              userId: user.userId,
              anonymizedId: newAnonymizedId(),
            });
      } catch (error) {
        // The externalId was given to someone else since the invitation was sent.
        if (isUniqueViolation(error)) {
          throw new ConflictException(
            'The organisation has since given this invitation’s HR id to someone else; ask it for a new invitation.',
          );
        }
        throw error;
      }
      await this.outbox.add(tx, RECOMPUTE_WELLNESS, orgId, { orgId });
      return { orgId, orgName: await this.invitations.orgName(tx, orgId), employeeId };
    });
  }

  async decline(user: AuthenticatedUser, id: string): Promise<void> {
    const email = (await this.users.find(user.userId))?.email ?? null;
    const declined =
      email &&
      (await this.prisma.$transaction((tx) => this.invitations.respond(tx, id, email, 'declined')));
    if (!declined) throw new NotFoundException(NO_SUCH_INVITATION);
  }
}

function toInvitationDto(row: StoredInvitation): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    jobTitle: row.jobTitle,
    department: row.department,
    externalId: row.externalId,
    displayName: row.displayName,
    status:
      row.status === 'pending' && row.expiresAt <= new Date()
        ? 'expired'
        : (row.status as InvitationStatus),
    expiresAt: row.expiresAt,
    respondedAt: row.respondedAt,
    createdAt: row.createdAt,
  };
}
