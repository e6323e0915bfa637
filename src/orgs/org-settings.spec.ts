import { departmentAllowed, minGroupSizeOf, readOrgSettings } from './org-settings.js';

describe('organisation settings', () => {
  it('fills in the defaults and never reads a group size below 3', () => {
    const defaults = {
      minGroupSize: 5,
      commentsMinGroupSize: 10,
      departments: [],
      scoreCadence: 'daily',
      timezone: 'UTC',
    };
    expect(readOrgSettings({})).toEqual(defaults);
    expect(readOrgSettings(null)).toEqual(defaults);
    expect(readOrgSettings({ minGroupSize: 8, departments: ['Ops'] })).toEqual({
      ...defaults,
      minGroupSize: 8,
      departments: ['Ops'],
    });
    expect(readOrgSettings({ scoreCadence: 'weekly', timezone: 'Mars/Olympus' })).toEqual(defaults);
    expect(readOrgSettings({ scoreCadence: 'hourly', timezone: 'Asia/Tokyo' })).toMatchObject({
      scoreCadence: 'hourly',
      timezone: 'Asia/Tokyo',
    });
    expect(readOrgSettings({ minGroupSize: 1 }).minGroupSize).toBe(3);
    expect(readOrgSettings({ minGroupSize: '2' }).minGroupSize).toBe(5);
  });

  it('never lists comments below the figures threshold', () => {
    expect(readOrgSettings({ commentsMinGroupSize: 4 }).commentsMinGroupSize).toBe(5);
    expect(readOrgSettings({ minGroupSize: 12 }).commentsMinGroupSize).toBe(12);
    expect(readOrgSettings({ minGroupSize: 3, commentsMinGroupSize: 6 }).commentsMinGroupSize).toBe(
      6,
    );
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

describe('minGroupSizeOf', () => {
  it('reads settings.minGroupSize, defaults to 5 and never goes below 3', () => {
    expect(minGroupSizeOf({ minGroupSize: 8 })).toBe(8);
    expect(minGroupSizeOf({})).toBe(5);
    expect(minGroupSizeOf(null)).toBe(5);
    expect(minGroupSizeOf({ minGroupSize: '8' })).toBe(5);
    expect(minGroupSizeOf({ minGroupSize: 2 })).toBe(3);
  });

  it('is the setting, 5 when unset, never below 3', () => {
    expect(minGroupSizeOf({ minGroupSize: 8 })).toBe(8);
    expect(minGroupSizeOf({})).toBe(5);
    expect(minGroupSizeOf(null)).toBe(5);
    expect(minGroupSizeOf({ minGroupSize: 1 })).toBe(3);
    expect(minGroupSizeOf({ minGroupSize: 3.5 })).toBe(4);
    expect(minGroupSizeOf({ minGroupSize: 'ten' })).toBe(5);
  });
});
