import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsFQDN, MaxLength } from 'class-validator';

export class ClaimDomainDto {
  /** An email domain of the organisation's people, e.g. acme.com (subdomains are claimed apart). */
  @ApiProperty({ example: 'acme.com', maxLength: 253 })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase().replace(/\.$/, '') : value,
  )
  @IsFQDN({ require_tld: true, allow_underscores: false })
  @MaxLength(253)
  domain!: string;
}

export class OrgDomainDto {
  @ApiProperty({ example: 'acme.com' })
  domain!: string;

  /** pending until the TXT record was found; verified after. */
  @ApiProperty({ enum: ['pending', 'verified'] })
  status!: 'pending' | 'verified';

  /** The DNS name to publish the TXT record at. */
  @ApiProperty({ example: '_mindfulme-challenge.acme.com' })
  txtRecordName!: string;

  /** The TXT record's value, exactly. */
  @ApiProperty({ example: 'mindfulme-domain-verification=3q2-7wEXAMPLEtoken' })
  txtRecordValue!: string;

  verifiedAt!: Date | null;
  createdAt!: Date;
}

/** One page of an organisation's domains, newest claim first. */
export class OrgDomainPageDto {
  @ApiProperty({ type: [OrgDomainDto] })
  items!: OrgDomainDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
}
