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
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../common/pagination/page.dto.js';
import { DOMAIN_MAX_LENGTH } from '../orgs/domains/domain-rules.js';

const ISSUER_MAX_LENGTH = 500;
const CLIENT_ID_MAX_LENGTH = 200;
const MAX_EMAIL_DOMAINS = 20;
const TENANT_CLAIM_MAX_LENGTH = 64;
const TENANT_ID_MAX_LENGTH = 200;

export class CreateIdentityProviderDto {
  /**
   * The provider's issuer, exactly as in its ID tokens' `iss`; its discovery document is at
   * `{issuer}/.well-known/openid-configuration`. https (plain http only on loopback outside
   * production).
   */
  @ApiProperty({ example: 'https://login.acme.com' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(ISSUER_MAX_LENGTH)
  issuer!: string;

  /** This service's client id at the provider: the audience of its ID tokens. */
  @ApiProperty({ example: 'mindfulme-production' })
  @IsString()
  @Length(1, CLIENT_ID_MAX_LENGTH)
  clientId!: string;

  /**
   * Domains whose people this provider may sign in, e.g. ["acme.com"]: each one a domain the
   * organisation has verified (`/v1/orgs/{orgId}/domains`).
   */
  @ApiProperty({ type: [String], example: ['acme.com'], maxItems: MAX_EMAIL_DOMAINS })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EMAIL_DOMAINS)
  @ArrayUnique((domain: string) => domain.toLowerCase())
  @IsFQDN({}, { each: true })
  @MaxLength(DOMAIN_MAX_LENGTH, { each: true })
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
  @MaxLength(TENANT_CLAIM_MAX_LENGTH)
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
  @Length(1, TENANT_ID_MAX_LENGTH)
  tenantId?: string;
}

export class IdentityProviderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ maxLength: ISSUER_MAX_LENGTH })
  issuer!: string;
  @ApiProperty({ maxLength: CLIENT_ID_MAX_LENGTH })
  clientId!: string;
  /** Lower case, each a domain the organisation verified. */
  @ApiProperty({
    type: 'array',
    maxItems: MAX_EMAIL_DOMAINS,
    items: { type: 'string', maxLength: DOMAIN_MAX_LENGTH },
  })
  emailDomains!: string[];
  @ApiProperty({ type: 'string', nullable: true, maxLength: TENANT_CLAIM_MAX_LENGTH })
  tenantClaim!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: TENANT_ID_MAX_LENGTH })
  tenantId!: string | null;
  createdAt!: Date;
}

/** One page of an organisation's identity providers, oldest first. */
export class IdentityProviderPageDto {
  @ApiProperty({ type: [IdentityProviderDto], maxItems: PAGE_MAX_LIMIT })
  items!: IdentityProviderDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
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
