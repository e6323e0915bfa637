import { departmentAllowed, readOrgSettings } from './org-settings.js';

describe('organisation settings', () => {
  it('fills in the defaults and never reads a group size below 3', () => {
    expect(readOrgSettings({})).toEqual({ minGroupSize: 5, departments: [] });
    expect(readOrgSettings(null)).toEqual({ minGroupSize: 5, departments: [] });
    expect(readOrgSettings({ minGroupSize: 8, departments: ['Ops'] })).toEqual({
      minGroupSize: 8,
      departments: ['Ops'],
    });
    expect(readOrgSettings({ minGroupSize: 1 }).minGroupSize).toBe(3);
    expect(readOrgSettings({ minGroupSize: '2' }).minGroupSize).toBe(5);
  });

  it('allows any department while the list is empty, and only listed ones after', () => {
    const open = readOrgSettings({});
    expect(departmentAllowed(open, 'Anything')).toBe(true);
    const listed = readOrgSettings({ departments: ['Ops', 'Sales'] });
    expect(departmentAllowed(listed, 'Ops')).toBe(true);
    expect(departmentAllowed(listed, 'ops')).toBe(false);
    expect(departmentAllowed(listed, 'Legal')).toBe(false);
    expect(departmentAllowed(listed, null)).toBe(true);
    expect(departmentAllowed(listed, undefined)).toBe(true);
  });
});
