import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsString, Length } from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../common/pagination/page.dto.js';
import { ACCESS_TOKEN_MAX_LENGTH } from '../auth/access-token-key.js';
import { CLIENT_SCOPES, type ClientScope } from '../auth/roles.js';
import {
  CLIENT_ID_LENGTH,
  CLIENT_ID_PREFIX,
  CLIENT_SECRET_LENGTH,
  GRANTED_SCOPE_MAX_LENGTH,
} from '../auth/client-credentials.js';

const CLIENT_NAME_MAX_LENGTH = 100;
const BASE64URL = '[A-Za-z0-9_-]';

export class CreateApiClientDto {
  /** What the integration is, e.g. "Workday sync". */
  @ApiProperty({ example: 'Workday sync' })
  @IsString()
  @Length(1, CLIENT_NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ enum: CLIENT_SCOPES, isArray: true, maxItems: CLIENT_SCOPES.length })
  @ArrayMinSize(1)
  @ArrayMaxSize(CLIENT_SCOPES.length)
  @ArrayUnique()
  @IsIn(CLIENT_SCOPES, { each: true })
  scopes!: ClientScope[];
}

export class ApiClientDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ maxLength: CLIENT_NAME_MAX_LENGTH })
  name!: string;

  @ApiProperty({
    minLength: CLIENT_ID_LENGTH,
    maxLength: CLIENT_ID_LENGTH,
    pattern: `^${CLIENT_ID_PREFIX}${BASE64URL}+$`,
    example: 'mmc_3q2-7wEXAMPLEid0',
  })
  clientId!: string;

  @ApiProperty({ enum: CLIENT_SCOPES, isArray: true, maxItems: CLIENT_SCOPES.length })
  scopes!: ClientScope[];

  revokedAt!: Date | null;
  lastUsedAt!: Date | null;
  createdAt!: Date;
}

/** One page of an organisation's API clients, newest first. */
export class ApiClientPageDto {
  @ApiProperty({ type: [ApiClientDto], maxItems: PAGE_MAX_LIMIT })
  items!: ApiClientDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class CreatedApiClientDto extends ApiClientDto {
  /** Shown this once; only a hash is kept. */
  @ApiProperty({
    minLength: CLIENT_SECRET_LENGTH,
    maxLength: CLIENT_SECRET_LENGTH,
    pattern: `^${BASE64URL}+$`,
  })
  clientSecret!: string;
}

/** RFC 6749 section 5.1. */
export class OAuthTokenDto {
  @ApiProperty({ maxLength: ACCESS_TOKEN_MAX_LENGTH })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  expires_in!: number;

  /** The granted scopes, space-separated, each once. */
  @ApiProperty({ maxLength: GRANTED_SCOPE_MAX_LENGTH, example: 'employees:read surveys:read' })
  scope!: string;
}
