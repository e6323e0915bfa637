import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsString, Length } from 'class-validator';
import { CLIENT_SCOPES, type ClientScope } from '../roles.js';

export class CreateApiClientDto {
  /** What the integration is, e.g. "Workday sync". */
  @ApiProperty({ example: 'Workday sync' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: CLIENT_SCOPES, isArray: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(CLIENT_SCOPES.length)
  @ArrayUnique()
  @IsIn(CLIENT_SCOPES, { each: true })
  scopes!: ClientScope[];
}

export class ApiClientDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  name!: string;
  clientId!: string;

  @ApiProperty({ enum: CLIENT_SCOPES, isArray: true })
  scopes!: ClientScope[];

  revokedAt!: Date | null;
  lastUsedAt!: Date | null;
  createdAt!: Date;
}

/** One page of an organisation's API clients, newest first. */
export class ApiClientPageDto {
  @ApiProperty({ type: [ApiClientDto] })
  items!: ApiClientDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
}

export class CreatedApiClientDto extends ApiClientDto {
  /** Shown this once; only a hash is kept. */
  clientSecret!: string;
}

/** RFC 6749 section 5.1. */
export class OAuthTokenDto {
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  expires_in!: number;

  /** The granted scopes, space-separated. */
  scope!: string;
}
