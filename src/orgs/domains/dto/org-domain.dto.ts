import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsFQDN, MaxLength } from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../../../common/pagination/page.dto.js';
import {
  CHALLENGE_NAME_MAX_LENGTH,
  CHALLENGE_VALUE_LENGTH,
  DOMAIN_MAX_LENGTH,
} from '../domain-rules.js';

/** The `{domain}` of a path: a domain the organisation claimed (the router reads 253). */
export const DOMAIN_PATH_PARAMETER = {
  name: 'domain',
  description: 'A domain the organisation claimed.',
  schema: { type: 'string', maxLength: DOMAIN_MAX_LENGTH },
} as const;

export class ClaimDomainDto {
  /** An email domain of the organisation's people, e.g. acme.com (subdomains are claimed apart). */
  @ApiProperty({ example: 'acme.com', maxLength: DOMAIN_MAX_LENGTH })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase().replace(/\.$/, '') : value,
  )
  @IsFQDN({ require_tld: true, allow_underscores: false })
  @MaxLength(DOMAIN_MAX_LENGTH)
  domain!: string;
}

export class OrgDomainDto {
  /** Lower case, no trailing dot. */
  @ApiProperty({ example: 'acme.com', maxLength: DOMAIN_MAX_LENGTH })
  domain!: string;

  /** pending until the TXT record was found; verified after. */
  @ApiProperty({ enum: ['pending', 'verified'] })
  status!: 'pending' | 'verified';

  /** The DNS name to publish the TXT record at. */
  @ApiProperty({ example: '_mindfulme-challenge.acme.com', maxLength: CHALLENGE_NAME_MAX_LENGTH })
  txtRecordName!: string;

  /** The TXT record's value, exactly. */
  @ApiProperty({
    example: 'mindfulme-domain-verification=3q2-7wEXAMPLEtoken0aBc',
    maxLength: CHALLENGE_VALUE_LENGTH,
  })
  txtRecordValue!: string;

  verifiedAt!: Date | null;
  createdAt!: Date;
}

/** One page of an organisation's domains, newest claim first. */
export class OrgDomainPageDto {
  @ApiProperty({ type: [OrgDomainDto], maxItems: PAGE_MAX_LIMIT })
  items!: OrgDomainDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
