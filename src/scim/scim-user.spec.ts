import type { EmployeeDto } from '../orgs/employees/dto/employee.dto.js';
import { ScimError, SCIM_ENTERPRISE_USER, SCIM_USER } from './scim-schemas.js';
import { readScimUser, toScimUser } from './scim-user.js';

const scimErrorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as ScimError;
  }
  throw new Error('expected a ScimError');
};

describe('SCIM User resources', () => {
  it('reads the attributes kept, names without regard to case, and ignores the others', () => {
    expect(
      readScimUser({
        schemas: [SCIM_USER, SCIM_ENTERPRISE_USER],
        UserName: 'Ana@Acme.com',
        externalId: 'WD-1',
        name: { givenName: 'Ana', familyName: 'Lima' },
        active: 'False',
        title: 'Engineer',
        phoneNumbers: [{ value: '+351 000' }],
        [SCIM_ENTERPRISE_USER]: { department: 'Ops', manager: { value: 'x' } },
      }),
    ).toEqual({
      email: 'Ana@Acme.com',
      externalId: 'WD-1',
      displayName: 'Ana Lima',
      active: false,
      jobTitle: 'Engineer',
      department: 'Ops',
    });
  });

  it('clears what a resource leaves out, and leaves display name and active unsaid', () => {
    expect(readScimUser({ schemas: [SCIM_USER], userName: 'jo@acme.com' })).toEqual({
      email: 'jo@acme.com',
      externalId: null,
      jobTitle: null,
      department: null,
    });
  });

  it('refuses a missing schema, a userName that is no email and malformed values', () => {
    expect(scimErrorOf(() => readScimUser({ userName: 'jo@acme.com' }))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
    });
    const bad = (extra: Record<string, unknown>) =>
      scimErrorOf(() => readScimUser({ schemas: [SCIM_USER], userName: 'jo@acme.com', ...extra }));
    expect(bad({ userName: 'jo' })).toMatchObject({ status: 400, scimType: 'invalidValue' });
    // 27 characters sent, 367 once normalised (NFKC spells the ligature out).
    expect(bad({ userName: `a@b${'\ufdfa'.repeat(20)}.com` }).scimType).toBe('invalidValue');
    expect(bad({ active: 'maybe' }).scimType).toBe('invalidValue');
    expect(bad({ title: 'x'.repeat(201) }).scimType).toBe('invalidValue');
    expect(bad({ externalId: ' padded ' }).scimType).toBe('invalidValue');
    expect(bad({ displayName: 'x'.repeat(81) }).scimType).toBe('invalidValue');
  });

  it('answers a member as a User with the enterprise department and meta', () => {
    const employee: EmployeeDto = {
      id: '6f1c1f6e-9b7e-4c3e-9a43-0b0d1f1f2a3b',
      anonymizedId: 'random',
      email: 'ana@acme.com',
      displayName: 'Ana Lima',
      orgRole: 'member',
      jobTitle: 'Engineer',
      department: 'Ops',
      externalId: 'WD-1',
      active: false,
      endedAt: new Date('2026-02-01T00:00:00Z'),
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-02-01T00:00:00Z'),
    };
    const user = toScimUser(employee);
    expect(user).toMatchObject({
      schemas: [SCIM_USER, SCIM_ENTERPRISE_USER],
      id: employee.id,
      userName: 'ana@acme.com',
      externalId: 'WD-1',
      displayName: 'Ana Lima',
      active: false,
      title: 'Engineer',
      [SCIM_ENTERPRISE_USER]: { department: 'Ops' },
      meta: {
        resourceType: 'User',
        created: '2026-01-01T00:00:00.000Z',
        lastModified: '2026-02-01T00:00:00.000Z',
        location: `/scim/v2/Users/${employee.id}`,
      },
    });
    expect(user).not.toHaveProperty('anonymizedId');
    const bare = toScimUser({ ...employee, department: null, externalId: null, jobTitle: null });
    expect(bare.schemas).toEqual([SCIM_USER]);
    expect(bare).not.toHaveProperty('externalId');
    expect(bare).not.toHaveProperty('title');
  });
});
