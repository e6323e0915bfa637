export class TokenPairDto {
  /** JWT for `Authorization: Bearer`, valid `expiresIn` seconds. */
  accessToken!: string;

  /** Opaque; works once. */
  refreshToken!: string;

  /** Seconds until the access token expires. */
  expiresIn!: number;
}
