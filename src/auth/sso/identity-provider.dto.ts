import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsFQDN,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
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

  /**
   * Domains whose people this provider may sign in, e.g. ["acme.com"]: each one a domain the
   * organisation has verified (`/v1/orgs/{orgId}/domains`).
   */
  @ApiProperty({ type: [String], example: ['acme.com'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique((domain: string) => domain.toLowerCase())
  @IsFQDN({}, { each: true })
  emailDomains!: string[];

  /**
   * For an issuer shared by many customers (Microsoft Entra multi-tenant, Google): the ID token
   * claim naming the tenant, e.g. `tid` or `hd`. Given with `tenantId`, or not at all.
   */
  @ApiPropertyOptional({ example: 'tid' })
  @ValidateIf(
    (dto: CreateIdentityProviderDto) => dto.tenantId !== undefined || dto.tenantClaim !== undefined,
  )
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'tenantClaim must be a claim name such as tid or hd',
  })
  tenantClaim?: string;

  /** The value of `tenantClaim` in this organisation's tokens, e.g. its Entra tenant id. */
  @ApiPropertyOptional({ example: '9188040d-6c67-4c5b-b112-36a304b66dad' })
  @ValidateIf(
    (dto: CreateIdentityProviderDto) => dto.tenantId !== undefined || dto.tenantClaim !== undefined,
  )
  @IsString()
  @Length(1, 200)
  tenantId?: string;
}

export class IdentityProviderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  issuer!: string;
  clientId!: string;
  emailDomains!: string[];
  tenantClaim!: string | null;
  tenantId!: string | null;
  createdAt!: Date;
}

/** One page of an organisation's identity providers, oldest first. */
export class IdentityProviderPageDto {
  @ApiProperty({ type: [IdentityProviderDto] })
  items!: IdentityProviderDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
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

  /**
   * The nonce the client sent in its authentication request; the ID token must carry the same.
   * Fresh and unguessable per sign-in (at least 16 characters).
   */
  @ApiProperty({ example: 'n-0S6_WzA2Mj-5b1c9' })
  @IsString()
  @Length(16, 256)
  nonce!: string;
}
