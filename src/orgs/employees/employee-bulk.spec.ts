import { plainToInstance } from 'class-transformer';
import { readOrgSettings } from '../org-settings.js';
import { BulkEmployeeRowDto } from './dto/bulk-employees.dto.js';
import {
  checkRows,
  planRows,
  type RosterAccount,
  type RosterMember,
  type RosterState,
  summarise,
} from './employee-bulk.js';

const rows = (...plain: Array<Record<string, unknown>>) =>
  plain.map((row) => plainToInstance(BulkEmployeeRowDto, row));

const member = (overrides: Partial<RosterMember> = {}): RosterMember => ({
  id: 'emp-1',
  userId: 'user-1',
  email: 'ana@acme.com',
  displayName: null,
  orgRole: 'member',
  jobTitle: 'Engineer',
  department: 'Ops',
  externalId: 'WD-1',
  endedAt: null,
  ...overrides,
});

const state = (members: RosterMember[] = [], extraAccounts: string[] = []): RosterState => ({
  settings: readOrgSettings({ departments: ['Ops', 'Sales'] }),
  membersByExternalId: new Map(members.filter((m) => m.externalId).map((m) => [m.externalId!, m])),
  accountsByEmail: new Map<string, RosterAccount>([
    ...members.map((m) => [m.email, { userId: m.userId, member: m }] as const),
    ...extraAccounts.map((email) => [email, { userId: `user-${email}`, member: null }] as const),
  ]),
  verifiedDomains: new Set(['acme.com']),
});

describe('HR roster rows', () => {
  it('adds or brings back only people of verified domains, and never a platform admin', () => {
    const roster = state([
      member({ email: 'gone@elsewhere.org', externalId: 'WD-9', endedAt: new Date() }),
    ]);
    roster.accountsByEmail.set('root@acme.com', {
      userId: 'root',
      member: null,
      platformAdmin: true,
    });
    const plans = planRows(
      checkRows(
        rows(
          { email: 'new@acme.com' },
          { email: 'new@elsewhere.org' },
          { email: 'root@acme.com' },
          { email: 'gone@elsewhere.org', externalId: 'WD-9', active: true },
        ),
      ),
      roster,
    );
    expect(plans.map((plan) => plan.status)).toEqual(['created', 'error', 'error', 'error']);
    expect(plans[1]).toMatchObject({
      error: expect.stringMatching(/elsewhere\.org is not a domain/),
    });
    expect(plans[2]).toMatchObject({ error: expect.stringMatching(/platform admin/) });
    const edit = planRows(
      checkRows(rows({ email: 'gone@elsewhere.org', externalId: 'WD-9', jobTitle: 'Lead' })),
      roster,
    );
    expect(edit[0].status).toBe('updated');
  });

  it('reports each bad row with its index, and keys or emails repeated within the call', () => {
    const checked = checkRows(
      rows(
        { email: 'not-an-email' },
        { externalId: 'WD-1', email: 'a@acme.com' },
        { externalId: 'WD-1', email: 'b@acme.com' },
        { email: 'A@Acme.com' },
        { email: 'c@acme.com', colour: 'blue' },
        { email: 'd@acme.com', active: 'yes' },
      ),
    );
    expect(checked).toEqual([
      expect.objectContaining({ index: 0, status: 'error', error: 'email must be an email' }),
      expect.objectContaining({ index: 1, key: 'WD-1', email: 'a@acme.com' }),
      { index: 2, key: 'WD-1', status: 'error', error: 'Repeats the key of row 1.' },
      { index: 3, key: 'a@acme.com', status: 'error', error: 'Repeats the email of row 1.' },
      expect.objectContaining({
        index: 4,
        status: 'error',
        error: expect.stringMatching(/colour/),
      }),
      expect.objectContaining({
        index: 5,
        status: 'error',
        error: expect.stringMatching(/active/),
      }),
    ]);
  });

  it('creates, updates, deactivates or leaves rows as they are, keyed by externalId else email', () => {
    const stored = [
      member(),
      member({ id: 'emp-2', userId: 'user-2', email: 'bo@acme.com', externalId: null }),
      member({ id: 'emp-3', userId: 'user-3', email: 'cy@acme.com', externalId: 'WD-3' }),
    ];
    const plans = planRows(
      checkRows(
        rows(
          { externalId: 'WD-1', email: 'ana@acme.com', jobTitle: 'Engineer', department: 'Ops' },
          { externalId: 'WD-2', email: 'bo@acme.com' },
          { externalId: 'WD-3', email: 'cy@acme.com', active: false },
          { email: 'new@acme.com', department: 'Sales' },
          { email: 'known@acme.com' },
          { email: 'leaver@acme.com', active: false },
        ),
      ),
      state(stored, ['known@acme.com']),
    );
    expect(plans.map((plan) => plan.status)).toEqual([
      'unchanged',
      'updated',
      'deactivated',
      'created',
      'created',
      'unchanged',
    ]);
    expect(plans[1]).toMatchObject({ employeeId: 'emp-2', next: { externalId: 'WD-2' } });
    expect(plans[3]).toMatchObject({ userId: null, details: { department: 'Sales' } });
    expect(plans[4]).toMatchObject({ userId: 'user-known@acme.com' });
    expect(summarise(plans)).toEqual({
      created: 2,
      updated: 1,
      unchanged: 2,
      deactivated: 1,
      errors: 0,
    });
  });

  it('refuses unknown departments and an externalId that belongs to another email', () => {
    const plans = planRows(
      checkRows(
        rows(
          { email: 'new@acme.com', department: 'Legal' },
          { externalId: 'WD-1', email: 'someone.else@acme.com' },
        ),
      ),
      state([member()]),
    );
    expect(plans).toEqual([
      expect.objectContaining({ status: 'error', error: expect.stringMatching(/Legal/) }),
      expect.objectContaining({ status: 'error', error: expect.stringMatching(/another email/) }),
    ]);
  });
});
