import { Module } from '@nestjs/common';
import { EmployeeBulkRepository } from './employees/employee-bulk.repository.js';
import { EmployeeBulkService } from './employees/employee-bulk.service.js';
import { EmployeesController } from './employees/employees.controller.js';
import { EmployeesRepository } from './employees/employees.repository.js';
import { EmployeesService } from './employees/employees.service.js';
import { OrgAccessService } from './org-access.service.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsRepository } from './orgs.repository.js';
import { OrgsService } from './orgs.service.js';

@Module({
  controllers: [OrgsController, EmployeesController],
  providers: [
    OrgAccessService,
    OrgsService,
    OrgsRepository,
    EmployeesService,
    EmployeesRepository,
    EmployeeBulkService,
    EmployeeBulkRepository,
  ],
  exports: [OrgAccessService, EmployeesService],
})
export class OrgsModule {}
