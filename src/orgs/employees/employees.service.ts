import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Principal } from '../../auth/roles.js';
import { normaliseEmail } from '../../auth/tokens.js';
import { decodeCursor, toPage } from '../../common/pagination/cursor.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { Outbox } from '../../jobs/outbox.js';
import { RECOMPUTE_WELLNESS } from '../../org-wellness/org-wellness.jobs.js';
import { OrgDomainsService } from '../domains/org-domains.service.js';
import { OrgAccessService } from '../org-access.service.js';
import { departmentAllowed, type OrgSettings, unknownDepartmentMessage } from '../org-settings.js';
import { newAnonymizedId } from '../anonymized-id.js';
import type { EmployeeDto, EmployeeQueryDto } from './dto/employee.dto.js';
import { claimRefusal } from './employee-bulk.js';
import { diffEmployee, type EmployeeChange } from './employee-change.js';
import { toEmployeeDto, toEmployeeState } from './employee.mapper.js';
import { SessionsService } from '../../auth/sessions.service.js';
import { UsersService } from '../../auth/users.service.js';
import { type EmployeeFilter, EmployeesRepository } from './employees.repository.js';

const NO_SUCH_EMPLOYEE = 'No such employee.';

export interface NewEmployee {
  email: string;
  jobTitle?: string | null;
  department?: string | null;
  externalId?: string | null;
  /** The name the organisation knows the person by, kept on the membership. */
  displayName?: string | null;
  /** false adds the person with their membership already ended. */
  active?: boolean;
}

/** An organisation's members, as its admin, platform admins and its HR systems manage them. */
@Injectable()
export class EmployeesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly employees: EmployeesRepository,
    private readonly access: OrgAccessService,
    private readonly domains: OrgDomainsService,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  async list(principal: Principal, orgId: string, query: EmployeeQueryDto) {
    await this.access.assertCanManage(principal, orgId);
    const limit = query.limit ?? 100;
    const filter: EmployeeFilter = {
      department: query.department,
      active: query.active === undefined ? undefined : query.active === 'true',
    };
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.employees.page(orgId, filter, limit, cursor);
    return toPage(rows, limit, toEmployeeDto);
  }

  async get(principal: Principal, orgId: string, employeeId: string): Promise<EmployeeDto> {
    await this.access.assertCanManage(principal, orgId);
    const row = await this.employees.find(this.prisma, orgId, employeeId);
    if (!row) throw new NotFoundException(NO_SUCH_EMPLOYEE);
    return toEmployeeDto(row);
  }

  /** Members matching an exact filter, from a 0-based offset, with the total count. */
  async search(
    principal: Principal,
    orgId: string,
    filter: EmployeeFilter,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: EmployeeDto[] }> {
    await this.access.assertCanManage(principal, orgId);
    const email = filter.email === undefined ? undefined : normaliseEmail(filter.email);
    const { total, rows } = await this.employees.search(orgId, { ...filter, email }, offset, limit);
    return { total, items: rows.map(toEmployeeDto) };
  }

  /**
   * Adds a person of one of the organisation's verified domains by email: their account joins,
   * or one is made for them. A membership that had ended starts again, with the details given
   * now. Anyone else (and any platform admin) is refused: they join only by accepting an
   * invitation themselves.
   */
  async add(principal: Principal, orgId: string, input: NewEmployee): Promise<EmployeeDto> {
    await this.access.assertCanManage(principal, orgId);
    const email = normaliseEmail(input.email);
    // The account, the membership and the recompute job exist together or not at all.
    return this.prisma.$transaction(async (tx) => {
      assertDepartment(await this.lockedSettings(tx, orgId), input.department);
      const account = await this.users.findByEmail(email, tx);
      await this.assertMayClaim(tx, orgId, email, account?.role === 'admin');
      const userId = account?.id ?? (await this.users.createWithoutPassword({ email }, tx)).id;
      const details = {
        jobTitle: input.jobTitle ?? null,
        department: input.department ?? null,
        externalId: input.externalId ?? null,
        displayName: input.displayName ?? null,
        endedAt: input.active === false ? new Date() : null,
      };
      const membership = await this.employees.findMembership(tx, orgId, userId);
      if (membership && membership.endedAt === null) {
        throw new ConflictException('This person is already a member of the organisation.');
      }
      const id = membership
        ? (await this.employees.updateMembership(tx, membership.id, details), membership.id)
        : await this.employees.createMembership(tx, {
            ...details,
            orgId,
            userId,
            anonymizedId: newAnonymizedId(),
          });
      await this.outbox.add(tx, RECOMPUTE_WELLNESS, orgId, { orgId });
      return toEmployeeDto((await this.employees.find(tx, orgId, id))!);
    });
  }

  /**
   * Changes a member's details and, with `active`, ends or restarts the membership. Ending it
   * also ends the sessions the person began through this organisation's SSO; their account,
   * their other sessions and their own data stay theirs. Bringing an ended membership back
   * follows the rule of `add`.
   */
  async change(
    principal: Principal,
    orgId: string,
    employeeId: string,
    change: EmployeeChange,
  ): Promise<EmployeeDto> {
    if (change.orgRole !== undefined) await this.access.assertCanManageAsPerson(principal, orgId);
    else await this.access.assertCanManage(principal, orgId);
    // The membership, the ended sessions and the recompute job go together.
    return this.prisma.$transaction(async (tx) => {
      const settings = await this.lockedSettings(tx, orgId);
      const current = await this.employees.find(tx, orgId, employeeId);
      if (!current) throw new NotFoundException(NO_SUCH_EMPLOYEE);
      const diff = diffEmployee(toEmployeeState(current), change);
      if (!diff.changed) return toEmployeeDto(current);
      assertDepartment(settings, diff.fields.department);
      if (diff.membership === 'restart') {
        const account = await this.users.findByEmail(current.user.email, tx);
        await this.assertMayClaim(tx, orgId, current.user.email, account?.role === 'admin');
      }
      const endedAt =
        diff.membership === 'end' ? new Date() : diff.membership === 'restart' ? null : undefined;
      await this.employees.updateMembership(tx, employeeId, { ...diff.fields, endedAt });
      if (diff.membership === 'end') {
        await this.sessions.endFor({ userIds: [current.userId], beganThroughSsoOf: orgId }, tx);
      }
      await this.outbox.add(tx, RECOMPUTE_WELLNESS, orgId, { orgId });
      return toEmployeeDto((await this.employees.find(tx, orgId, employeeId))!);
    });
  }

  /**
   * The first sign-in through the organisation's SSO makes the person a member; a membership
   * that exists already, running or ended, is left as the organisation set it. Give it the
   * sign-in's transaction.
   */
  joinThroughSso(
    tx: Prisma.TransactionClient,
    member: { orgId: string; userId: string; displayName: string | null },
  ): Promise<void> {
    return this.employees.createUnlessAny(tx, member);
  }

  /** Ends the membership (again is fine) and the sessions begun through the organisation. */
  async end(principal: Principal, orgId: string, employeeId: string): Promise<void> {
    await this.change(principal, orgId, employeeId, { active: false });
  }

  /** 403 unless the organisation may add this person without asking them (see claimRefusal). */
  private async assertMayClaim(
    tx: Prisma.TransactionClient,
    orgId: string,
    email: string,
    platformAdmin: boolean,
  ): Promise<void> {
    const verifiedDomains = await this.domains.verifiedDomains(orgId, tx);
    const refusal = claimRefusal(email, { platformAdmin }, { verifiedDomains });
    if (refusal) throw new ForbiddenException(refusal);
  }

  private async lockedSettings(tx: Prisma.TransactionClient, orgId: string): Promise<OrgSettings> {
    const settings = await this.employees.lockOrg(tx, orgId);
    if (!settings) throw new NotFoundException('No such organisation.');
    return settings;
  }

  /** What every organisation holds about the person as its member, for their export. */
  exportMemberships(userId: string) {
    return this.employees.membershipsOf(userId);
  }
}

function assertDepartment(settings: OrgSettings, department: string | null | undefined): void {
  if (!departmentAllowed(settings, department)) {
    throw new UnprocessableEntityException(unknownDepartmentMessage(department!));
  }
}
