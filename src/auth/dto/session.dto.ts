import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_TOKEN_MAX_LENGTH } from '../access-token-key.js';
import { REFRESH_TOKEN_LENGTH } from '../tokens.js';

export class TokenPairDto {
  /** JWT for `Authorization: Bearer`, valid `expiresIn` seconds. */
  @ApiProperty({ maxLength: ACCESS_TOKEN_MAX_LENGTH })
  accessToken!: string;

  /** Opaque; works once. */
  @ApiProperty({ minLength: REFRESH_TOKEN_LENGTH, maxLength: REFRESH_TOKEN_LENGTH })
  refreshToken!: string;

  /** Seconds until the access token expires. */
  expiresIn!: number;
}
