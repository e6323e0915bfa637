import { ApiProperty } from '@nestjs/swagger';
import {
  EMAIL_MAX_LENGTH,
  TIME_ZONE_MAX_LENGTH,
  URL_MAX_LENGTH,
} from '../../common/validation/text-limits.js';
import { ACCESS_TOKEN_MAX_LENGTH } from '../access-token-key.js';
import { ROLES, type Role } from '../roles.js';
import { REFRESH_TOKEN_LENGTH } from '../tokens.js';

/** A person's own display name (SSO cuts the provider's there too). */
export const DISPLAY_NAME_MAX_LENGTH = 80;

/** A person's account as they see it: never the password hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  /** As the account keeps it: normalised (NFKC, lower case). */
  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH })
  email!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: 'string', nullable: true, maxLength: DISPLAY_NAME_MAX_LENGTH })
  displayName!: string | null;

  @ApiProperty({ type: 'string', nullable: true, maxLength: URL_MAX_LENGTH })
  avatarUrl!: string | null;

  /** IANA time zone, e.g. Europe/Lisbon: days and streaks are counted in it. */
  @ApiProperty({ maxLength: TIME_ZONE_MAX_LENGTH })
  timezone!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  preferences!: Record<string, unknown>;

  createdAt!: Date;
}

export class AuthResponseDto {
  /** JWT for `Authorization: Bearer`, valid `expiresIn` seconds. */
  @ApiProperty({ maxLength: ACCESS_TOKEN_MAX_LENGTH })
  accessToken!: string;

  /** Opaque; exchange it at /v1/auth/refresh for a new pair. Each one works once. */
  @ApiProperty({ minLength: REFRESH_TOKEN_LENGTH, maxLength: REFRESH_TOKEN_LENGTH })
  refreshToken!: string;

  /** Seconds until the access token expires. */
  expiresIn!: number;

  user!: UserDto;
}
