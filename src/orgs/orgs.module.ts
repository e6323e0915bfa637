import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrgDomainsController } from './domains/org-domains.controller.js';
import { OrgDomainsRepository } from './domains/org-domains.repository.js';
import { OrgDomainsService } from './domains/org-domains.service.js';
import { EmployeeBulkRepository } from './employees/employee-bulk.repository.js';
import { EmployeeBulkService } from './employees/employee-bulk.service.js';
import { EmployeesController } from './employees/employees.controller.js';
import { EmployeesRepository } from './employees/employees.repository.js';
import { EmployeesService } from './employees/employees.service.js';
import {
  MyInvitationsController,
  OrgInvitationsController,
} from './invitations/invitations.controller.js';
import { InvitationsRepository } from './invitations/invitations.repository.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { OrgAccessService } from './org-access.service.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsRepository } from './orgs.repository.js';
import { OrgsService } from './orgs.service.js';

@Module({
  imports: [AuthModule],
  controllers: [
    OrgsController,
    EmployeesController,
    OrgDomainsController,
    OrgInvitationsController,
    MyInvitationsController,
  ],
  providers: [
    OrgAccessService,
    OrgsService,
    OrgsRepository,
    EmployeesService,
    EmployeesRepository,
    EmployeeBulkService,
    EmployeeBulkRepository,
    OrgDomainsService,
    OrgDomainsRepository,
    InvitationsService,
    InvitationsRepository,
  ],
  exports: [OrgAccessService, OrgsService, EmployeesService, OrgDomainsService],
})
export class OrgsModule {}
