import type { EmployeeDto } from './dto/employee.dto.js';
import type { EmployeeState, OrgRole } from './employee-change.js';
import type { StoredEmployee } from './employees.repository.js';

export function toEmployeeDto(row: StoredEmployee): EmployeeDto {
  return {
    id: row.id,
    anonymizedId: row.anonymizedId,
    email: row.user.email,
    displayName: row.displayName,
    orgRole: row.orgRole as OrgRole,
    jobTitle: row.jobTitle,
    department: row.department,
    externalId: row.externalId,
    active: row.endedAt === null,
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toEmployeeState(row: StoredEmployee): EmployeeState {
  return {
    jobTitle: row.jobTitle,
    department: row.department,
    externalId: row.externalId,
    displayName: row.displayName,
    orgRole: row.orgRole as OrgRole,
    endedAt: row.endedAt,
  };
}
