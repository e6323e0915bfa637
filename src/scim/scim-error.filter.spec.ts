import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { toScimError } from './scim-error.filter.js';
import { ScimError, SCIM_ERROR } from './scim-schemas.js';

describe('toScimError', () => {
  it('keeps the status and keyword of SCIM errors', () => {
    expect(toScimError(new ScimError(400, 'Bad filter.', 'invalidFilter'))).toEqual({
      schemas: [SCIM_ERROR],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Bad filter.',
    });
  });

  it('puts the rest of the API’s failures in SCIM’s words', () => {
    expect(toScimError(new NotFoundException('No such User.'))).toEqual({
      schemas: [SCIM_ERROR],
      status: '404',
      detail: 'No such User.',
    });
    expect(toScimError(new ConflictException('Already a member.'))).toMatchObject({
      status: '409',
      scimType: 'uniqueness',
    });
    const unique = new Prisma.PrismaClientKnownRequestError('dup', {
      code: 'P2002',
      clientVersion: 'test',
    });
    expect(toScimError(unique)).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(toScimError(new UnprocessableEntityException('Unknown department.'))).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
      detail: 'Unknown department.',
    });
    const unexpected = toScimError(new Error('password=hunter2'));
    expect(unexpected.status).toBe('500');
    expect(JSON.stringify(unexpected)).not.toContain('hunter2');
  });
});
