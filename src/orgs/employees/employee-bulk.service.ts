import { Injectable, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import type { Principal } from '../../auth/roles.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { Outbox } from '../../jobs/outbox.js';
import { OrgDomainsService } from '../domains/org-domains.service.js';
import { OrgAccessService } from '../org-access.service.js';
import type { OrgSettings } from '../org-settings.js';
import { newAnonymizedId } from '../anonymized-id.js';
import {
  BULK_ERROR_MAX_LENGTH,
  BULK_KEY_MAX_LENGTH,
  BULK_MAX_ROWS,
  type BulkEmployeeRowDto,
  type BulkRowResultDto,
  type BulkUpsertResultDto,
} from './dto/bulk-employees.dto.js';
import { BulkRejectedError } from './bulk-rejected.filter.js';
import {
  type CheckedRow,
  checkRows,
  planRows,
  type RosterState,
  type RowPlan,
  summarise,
  validRows,
} from './employee-bulk.js';
import { EmployeeBulkRepository } from './employee-bulk.repository.js';
import { EmployeesRepository } from './employees.repository.js';
import { RECOMPUTE_WELLNESS } from '../../org-wellness/org-wellness.jobs.js';
import { SessionsService } from '../../auth/sessions.service.js';
import { UsersService } from '../../auth/users.service.js';

/** A 10,000-row roster takes a few seconds; the default 5 s would cut large ones short. */
const BULK_TRANSACTION_TIMEOUT_MS = 60_000;

/** An HR system's roster applied in one call: idempotent, all rows or none. */
@Injectable()
export class EmployeeBulkService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly employees: EmployeesRepository,
    private readonly bulk: EmployeeBulkRepository,
    private readonly access: OrgAccessService,
    private readonly domains: OrgDomainsService,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  async upsert(
    principal: Principal,
    orgId: string,
    rows: BulkEmployeeRowDto[],
  ): Promise<BulkUpsertResultDto> {
    await this.access.assertCanManage(principal, orgId);
    if (rows.length > BULK_MAX_ROWS) {
      throw new PayloadTooLargeException(
        `At most ${BULK_MAX_ROWS} employees per call; send the roster in parts.`,
      );
    }
    const checked = checkRows(rows);
    // All rows or none: a roster half applied is harder for HR to reason about than one refused,
    // and the organisation's lock keeps two syncs from interleaving.
    return this.prisma.$transaction(
      async (tx) => {
        const settings = await this.employees.lockOrg(tx, orgId);
        if (!settings) throw new NotFoundException('No such organisation.');
        const plans = planRows(checked, await this.roster(tx, orgId, settings, validRows(checked)));
        const summary = summarise(plans);
        if (summary.errors > 0) {
          const errors = plans
            .filter((plan) => plan.status === 'error')
            .map((plan) => toResult(plan));
          throw new BulkRejectedError(errors);
        }
        const createdIds = await this.apply(tx, orgId, plans);
        return { results: plans.map((plan) => toResult(plan, createdIds)), summary };
      },
      { timeout: BULK_TRANSACTION_TIMEOUT_MS },
    );
  }

  private async roster(
    tx: Prisma.TransactionClient,
    orgId: string,
    settings: OrgSettings,
    rows: CheckedRow[],
  ): Promise<RosterState> {
    const externalIds = rows.flatMap((row) => (row.externalId ? [row.externalId] : []));
    const members = await this.bulk.membersByExternalIds(tx, orgId, externalIds);
    const emails = rows.map((row) => row.email);
    const accounts = await this.bulk.accountsByEmails(tx, orgId, emails);
    return {
      settings,
      verifiedDomains: await this.domains.verifiedDomains(orgId, tx),
      membersByExternalId: new Map(members.map((member) => [member.externalId!, member])),
      accountsByEmail: new Map(accounts.map((account) => [account.email.toLowerCase(), account])),
    };
  }

  /** Writes the plan in a few set-based statements; answers the new memberships' ids by email. */
  private async apply(
    tx: Prisma.TransactionClient,
    orgId: string,
    plans: RowPlan[],
  ): Promise<Map<string, string>> {
    const creates = plans.filter((plan) => plan.status === 'created');
    const changes = plans.filter(
      (plan): plan is Extract<RowPlan, { diff: unknown }> =>
        plan.status === 'updated' || plan.status === 'deactivated',
    );
    if (creates.length === 0 && changes.length === 0) return new Map();
    const newEmails = creates.flatMap((plan) => (plan.userId ? [] : [plan.email]));
    const accountIds = await this.users.createManyWithoutPassword(newEmails, tx);
    const createdIds = await this.bulk.insertMembers(
      tx,
      orgId,
      creates.map((plan) => ({
        ...plan.details,
        userId: plan.userId ?? accountIds.get(plan.email)!,
        anonymizedId: newAnonymizedId(),
      })),
    );
    await this.bulk.updateMembers(
      tx,
      orgId,
      changes.map((plan) => ({
        id: plan.employeeId,
        ...plan.next,
        membership: plan.diff.membership,
      })),
    );
    const ended = changes.filter((plan) => plan.diff.membership === 'end');
    await this.sessions.endFor(
      { userIds: ended.map((plan) => plan.userId), beganThroughSsoOf: orgId },
      tx,
    );
    await this.outbox.add(tx, RECOMPUTE_WELLNESS, orgId, { orgId });
    return new Map(
      creates.map((plan) => [
        plan.email,
        createdIds.get(plan.userId ?? accountIds.get(plan.email)!)!,
      ]),
    );
  }
}

function toResult(plan: RowPlan, createdIds = new Map<string, string>()): BulkRowResultDto {
  const { index, status } = plan;
  const key = plan.key.slice(0, BULK_KEY_MAX_LENGTH);
  switch (plan.status) {
    case 'error':
      return { index, key, status, error: plan.error.slice(0, BULK_ERROR_MAX_LENGTH) };
    case 'created':
      return { index, key, status, employeeId: createdIds.get(plan.email) };
    default:
      return { index, key, status, ...(plan.employeeId ? { employeeId: plan.employeeId } : {}) };
  }
}
