import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsFQDN,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';

export class CreateIdentityProviderDto {
  /**
   * The provider's issuer, exactly as in its ID tokens' `iss`; its discovery document is at
   * `{issuer}/.well-known/openid-configuration`. https (plain http only on loopback outside
   * production).
   */
  @ApiProperty({ example: 'https://login.acme.com' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  issuer!: string;

  /** This service's client id at the provider: the audience of its ID tokens. */
  @ApiProperty({ example: 'mindfulme-production' })
  @IsString()
  @Length(1, 200)
  clientId!: string;

  /** Domains whose people this provider may sign in, e.g. ["acme.com"]. */
  @ApiProperty({ type: [String], example: ['acme.com'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsFQDN({}, { each: true })
  emailDomains!: string[];
}

export class IdentityProviderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  issuer!: string;
  clientId!: string;
  emailDomains!: string[];
  createdAt!: Date;
}

export class SsoExchangeDto {
  /** An ID token issued to this service by the organisation's identity provider. */
  @ApiProperty({
    example:
      'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL2xvZ2luLmFjbWUuY29tIn0.c2lnbmF0dXJl',
  })
  @IsString()
  @Length(20, 16_384)
  idToken!: string;

  /** The nonce sent in the authentication request; when given, the token must carry it. */
  @IsOptional()
  @IsString()
  @Length(1, 256)
  nonce?: string;
}
