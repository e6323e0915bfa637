import { SCIM_ENTERPRISE_USER, SCIM_PATCH_OP, type ScimError } from './scim-schemas.js';
import { readScimPatch } from './scim-patch.js';

const patchOf = (...Operations: unknown[]) =>
  readScimPatch({ schemas: [SCIM_PATCH_OP], Operations });
const scimErrorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as ScimError;
  }
  throw new Error('expected a ScimError');
};

describe('SCIM PatchOp', () => {
  it('replaces active with a path, without one, as a boolean or as a string', () => {
    expect(patchOf({ op: 'replace', path: 'active', value: false }).change).toEqual({
      active: false,
    });
    expect(patchOf({ op: 'Replace', value: { active: false } }).change).toEqual({ active: false });
    expect(patchOf({ op: 'replace', path: 'active', value: 'True' }).change).toEqual({
      active: true,
    });
  });

  it('reads display name, title, department and name parts, in any of their spellings', () => {
    expect(
      patchOf(
        { op: 'replace', path: 'displayName', value: 'Ana L.' },
        { op: 'add', path: 'title', value: 'Lead' },
        { op: 'replace', path: `${SCIM_ENTERPRISE_USER}:department`, value: 'Sales' },
      ).change,
    ).toEqual({ displayName: 'Ana L.', jobTitle: 'Lead', department: 'Sales' });
    expect(
      patchOf({
        op: 'replace',
        value: { title: 'Lead', [SCIM_ENTERPRISE_USER]: { department: 'Ops' } },
      }).change,
    ).toEqual({ jobTitle: 'Lead', department: 'Ops' });
    expect(
      patchOf(
        { op: 'replace', path: 'name.givenName', value: 'Ana' },
        { op: 'replace', path: 'name.familyName', value: 'Lima' },
      ).change,
    ).toEqual({ displayName: 'Ana Lima' });
    expect(patchOf({ op: 'remove', path: 'title' }).change).toEqual({ jobTitle: null });
  });

  it('collects userName and emails values for the caller to compare, and ignores attributes not kept', () => {
    const patch = patchOf(
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'ana@acme.com' },
      { op: 'replace', path: 'userName', value: 'ana@acme.com' },
      { op: 'replace', path: 'preferredLanguage', value: 'pt' },
    );
    expect(patch).toEqual({ change: {}, userNames: ['ana@acme.com', 'ana@acme.com'] });
  });

  it('refuses a body that is no PatchOp, unknown ops, removes without a path and bad values', () => {
    expect(scimErrorOf(() => readScimPatch({ Operations: [] }))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
    });
    expect(scimErrorOf(() => patchOf({ op: 'move', path: 'title' })).scimType).toBe(
      'invalidSyntax',
    );
    expect(scimErrorOf(() => patchOf({ op: 'remove' })).scimType).toBe('noTarget');
    expect(scimErrorOf(() => patchOf({ op: 'replace', path: 'active', value: 3 })).scimType).toBe(
      'invalidValue',
    );
    expect(scimErrorOf(() => patchOf({ op: 'replace', value: 'x' })).scimType).toBe('invalidValue');
  });
});
