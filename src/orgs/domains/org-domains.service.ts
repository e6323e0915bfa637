import {
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Principal } from '../../auth/roles.js';
import { decodeCursor, toPage } from '../../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../../common/pagination/page.dto.js';
import { DnsTxtLookup } from '../../common/outbound/dns-txt.js';
import type { Db } from '../../database/prisma.service.js';
import { OrgAccessService } from '../org-access.service.js';
import {
  challengeMet,
  challengeRecordName,
  challengeRecordValue,
  emailDomainOf,
  newChallengeToken,
  normaliseDomain,
} from './domain-rules.js';
import type { OrgDomainDto, OrgDomainPageDto } from './dto/org-domain.dto.js';
import { OrgDomainsRepository, type StoredDomain } from './org-domains.repository.js';
import { isUniqueViolation } from '../../database/unique-violation.js';

const NO_SUCH_DOMAIN = 'This organisation has not claimed that domain.';

/**
 * The email domains an organisation has proved it controls. They are its only way to make or
 * claim accounts without the person's consent: SSO, SCIM and roster sync reach no one else.
 */
@Injectable()
export class OrgDomainsService {
  constructor(
    private readonly domains: OrgDomainsRepository,
    private readonly access: OrgAccessService,
    private readonly dns: DnsTxtLookup,
  ) {}

  async claim(principal: Principal, orgId: string, domain: string): Promise<OrgDomainDto> {
    await this.access.assertCanManageAsPerson(principal, orgId);
    return toDto(await this.domains.claim(orgId, normaliseDomain(domain), newChallengeToken()));
  }

  async list(
    principal: Principal,
    orgId: string,
    query: CursorQueryDto,
  ): Promise<OrgDomainPageDto> {
    await this.access.assertCanManageAsPerson(principal, orgId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    return toPage(await this.domains.page(orgId, limit, cursor), limit, toDto);
  }

  /** Looks the TXT record up now; verified once found, for this organisation alone. */
  async verify(principal: Principal, orgId: string, domain: string): Promise<OrgDomainDto> {
    await this.access.assertCanManageAsPerson(principal, orgId);
    const claimed = await this.domains.find(orgId, normaliseDomain(domain));
    if (!claimed) throw new NotFoundException(NO_SUCH_DOMAIN);
    if (claimed.verifiedAt) return toDto(claimed);
    if (await this.domains.verifiedElsewhere(orgId, claimed.domain)) throw alreadyVerified();
    let published: string[];
    try {
      published = await this.dns.txt(challengeRecordName(claimed.domain));
    } catch {
      throw new ServiceUnavailableException('DNS did not answer. Try again in a minute.');
    }
    if (!challengeMet(published, claimed.verificationToken)) {
      throw new UnprocessableEntityException(
        `No TXT record "${challengeRecordValue(claimed.verificationToken)}" at ` +
          `${challengeRecordName(claimed.domain)} yet. DNS changes can take a while to appear.`,
      );
    }
    try {
      return toDto(await this.domains.markVerified(claimed.id));
    } catch (error) {
      // Another organisation verified it between our check and this write.
      if (isUniqueViolation(error)) throw alreadyVerified();
      throw error;
    }
  }

  /**
   * Drops the claim (and its verification). The organisation's admin may; a platform admin
   * may too, which is how a verification is revoked.
   */
  async remove(principal: Principal, orgId: string, domain: string): Promise<void> {
    await this.access.assertCanManageAsPerson(principal, orgId);
    if ((await this.domains.remove(orgId, normaliseDomain(domain))) === 0) {
      throw new NotFoundException(NO_SUCH_DOMAIN);
    }
  }

  /** The organisation's verified domains, read in `db` (a transaction's snapshot) when given. */
  verifiedDomains(orgId: string, db?: Db): Promise<Set<string>> {
    return this.domains.verified(orgId, db);
  }

  /** Whether the organisation has verified the domain of this email address. */
  async coversEmail(orgId: string, email: string, db?: Db): Promise<boolean> {
    return (await this.domains.verified(orgId, db)).has(emailDomainOf(email));
  }
}

function alreadyVerified(): ConflictException {
  return new ConflictException('Another organisation has verified this domain.');
}

function toDto(row: StoredDomain): OrgDomainDto {
  return {
    domain: row.domain,
    status: row.verifiedAt ? 'verified' : 'pending',
    txtRecordName: challengeRecordName(row.domain),
    txtRecordValue: challengeRecordValue(row.verificationToken),
    verifiedAt: row.verifiedAt,
    createdAt: row.createdAt,
  };
}
