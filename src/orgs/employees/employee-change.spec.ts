import { changeStatus, diffEmployee, type EmployeeState } from './employee-change.js';

const current: EmployeeState = {
  jobTitle: 'Engineer',
  department: 'Ops',
  externalId: 'E-1',
  displayName: 'Jo',
  orgRole: 'member',
  endedAt: null,
};

describe('diffEmployee', () => {
  it('keeps only what differs, so the same change twice is no change', () => {
    const diff = diffEmployee(current, { jobTitle: 'Lead', department: 'Ops' });
    expect(diff).toEqual({ fields: { jobTitle: 'Lead' }, membership: 'keep', changed: true });
    expect(changeStatus(diff)).toBe('updated');
    const again = diffEmployee({ ...current, jobTitle: 'Lead' }, { jobTitle: 'Lead' });
    expect(again.changed).toBe(false);
    expect(changeStatus(again)).toBe('unchanged');
  });

  it('clears with null and leaves out what is not mentioned', () => {
    expect(diffEmployee(current, { department: null, displayName: undefined })).toEqual({
      fields: { department: null },
      membership: 'keep',
      changed: true,
    });
    expect(diffEmployee(current, { displayName: 'Jo Doe', orgRole: 'manager' }).fields).toEqual({
      displayName: 'Jo Doe',
      orgRole: 'manager',
    });
  });

  it('ends an active membership and restarts an ended one, and nothing else', () => {
    const ending = diffEmployee(current, { active: false });
    expect(ending.membership).toBe('end');
    expect(changeStatus(ending)).toBe('deactivated');
    expect(diffEmployee(current, { active: true }).changed).toBe(false);
    const ended = { ...current, endedAt: new Date('2026-01-01T00:00:00Z') };
    expect(diffEmployee(ended, { active: false }).changed).toBe(false);
    const restart = diffEmployee(ended, { active: true });
    expect(restart.membership).toBe('restart');
    expect(changeStatus(restart)).toBe('updated');
  });
});
