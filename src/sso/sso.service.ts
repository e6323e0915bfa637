import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { JWTPayload } from 'jose';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import { OutboundHttp } from '../common/outbound/outbound-http.js';
import { EMAIL_MAX_LENGTH } from '../common/validation/text-limits.js';
import { AppConfig } from '../config/app-config.js';
import { OrgDomainsService } from '../orgs/domains/org-domains.service.js';
import { OrgAccessService } from '../orgs/org-access.service.js';
import { EmployeesService } from '../orgs/employees/employees.service.js';
import { PrismaService } from '../database/prisma.service.js';
import type { PublicUser } from '../auth/users.repository.js';
import { UsersService } from '../auth/users.service.js';
import { AuthService } from '../auth/auth.service.js';
import type { AuthResponseDto } from '../auth/dto/user.dto.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { normaliseEmail, sha256Hex } from '../auth/tokens.js';
import type {
  CreateIdentityProviderDto,
  IdentityProviderDto,
  IdentityProviderPageDto,
  SsoExchangeDto,
} from './identity-provider.dto.js';
import { INVALID_ID_TOKEN, OidcVerifier } from './oidc-verifier.js';
import { type StoredProvider, SsoRepository } from './sso.repository.js';
import {
  emailDomainAllowed,
  issuerAllowed,
  issuerSharingRefusal,
  pickProvider,
} from './sso-rules.js';

type SsoSignInOutcome =
  | { outcome: 'signed-in'; user: PublicUser }
  | { outcome: 'replayed' | 'domain-unverified' | 'platform-admin' };

/** An ID token is remembered at least this long after use, whatever its own expiry says. */
const USED_TOKEN_MIN_MS = 10 * 60_000;

@Injectable()
export class SsoService {
  constructor(
    private readonly providers: SsoRepository,
    private readonly access: OrgAccessService,
    private readonly domains: OrgDomainsService,
    private readonly verifier: OidcVerifier,
    private readonly outbound: OutboundHttp,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly employees: EmployeesService,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Trusts a provider to sign in the organisation's people of the given domains, each of which
   * the organisation must have verified. Only the organisation's admin (or a platform admin).
   */
  async register(
    caller: AuthenticatedUser,
    orgId: string,
    input: CreateIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    await this.access.assertCanManageAsPerson(caller, orgId);
    const issuerUrl = new URL(input.issuer);
    if (!issuerAllowed(input.issuer, this.config.NODE_ENV === 'production')) {
      throw new BadRequestException('issuer must be an https URL.');
    }
    const unreachable = this.outbound.literalRefusal(issuerUrl);
    if (unreachable) throw new UnprocessableEntityException(`issuer: ${unreachable}`);
    const emailDomains = input.emailDomains.map((domain) => domain.toLowerCase());
    const verified = await this.domains.verifiedDomains(orgId);
    const unverified = emailDomains.filter((domain) => !verified.has(domain));
    if (unverified.length > 0) {
      throw new UnprocessableEntityException(
        `Verify ${unverified.join(', ')} first (POST /v1/orgs/${orgId}/domains): a provider signs in only people of the organisation's verified domains.`,
      );
    }
    const tenant = { tenantClaim: input.tenantClaim ?? null, tenantId: input.tenantId ?? null };
    const created = await this.providers.createBeside(
      { orgId, issuer: input.issuer, clientId: input.clientId, emailDomains, ...tenant },
      (existing) => issuerSharingRefusal(existing, tenant),
    );
    if (typeof created === 'string') throw new ConflictException(created);
    return toDto(created);
  }

  async list(
    caller: AuthenticatedUser,
    orgId: string,
    query: CursorQueryDto,
  ): Promise<IdentityProviderPageDto> {
    await this.access.assertCanManageAsPerson(caller, orgId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    return toPage(await this.providers.pageOfOrg(orgId, limit, cursor), limit, toDto);
  }

  async remove(caller: AuthenticatedUser, orgId: string, id: string): Promise<void> {
    await this.access.assertCanManageAsPerson(caller, orgId);
    if ((await this.providers.remove(orgId, id)) === 0) {
      throw new NotFoundException('No such identity provider.');
    }
  }

  /**
   * Signs in an employee with an ID token from their organisation's provider. The token must be
   * fresh (never exchanged before), carry the nonce the client sent and a verified email of a
   * domain the organisation has verified. The first time, the account (unless one exists) and
   * the membership are made; the session belongs to the organisation's SSO.
   */
  async exchange(input: SsoExchangeDto): Promise<AuthResponseDto> {
    const { issuer } = this.verifier.claimedIdentity(input.idToken);
    const candidates = await this.providers.forIssuer(issuer);
    if (candidates.length === 0) throw new UnauthorizedException(INVALID_ID_TOKEN);
    const claims = await this.verifier.verify(input.idToken, {
      issuer,
      audiences: [...new Set(candidates.map((candidate) => candidate.clientId))],
      nonce: input.nonce,
    });
    const provider = pickProvider(candidates, claims);
    if (!provider) throw new UnauthorizedException(INVALID_ID_TOKEN);
    const email = verifiedEmailOf(claims);
    if (!emailDomainAllowed(email, provider.emailDomains)) {
      throw new UnauthorizedException('This email domain is not signed in by this provider.');
    }
    const displayName = typeof claims.name === 'string' ? claims.name.slice(0, 80) : null;
    const signedIn = await this.signIn({
      orgId: provider.orgId,
      email,
      displayName,
      usedToken: {
        hash: sha256Hex(input.idToken),
        expiresAt: new Date(Math.max((claims.exp ?? 0) * 1000, Date.now() + USED_TOKEN_MIN_MS)),
      },
    });
    switch (signedIn.outcome) {
      case 'replayed':
        throw new UnauthorizedException('This ID token was already used. Sign in again.');
      case 'domain-unverified':
        throw new UnauthorizedException(
          'The organisation has not verified this email domain; ask its IT admin.',
        );
      case 'platform-admin':
        throw new ForbiddenException(
          'A platform admin account cannot sign in through an organisation’s SSO.',
        );
      case 'signed-in':
        return this.auth.respond(signedIn.user, provider.orgId);
    }
  }

  /**
   * One transaction: the domain is verified now (a revocation meanwhile is seen), a platform
   * admin's account is never used, the token is spent, and an account is never left without
   * the membership that justified it. A refusal writes nothing.
   */
  private signIn(input: {
    orgId: string;
    email: string;
    displayName: string | null;
    usedToken: { hash: string; expiresAt: Date };
  }): Promise<SsoSignInOutcome> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.domains.coversEmail(input.orgId, input.email, tx))) {
        return { outcome: 'domain-unverified' };
      }
      const existing = await this.users.findByEmail(input.email, tx);
      if (existing?.role === 'admin') return { outcome: 'platform-admin' };
      if (!(await this.providers.spendToken(tx, input.usedToken))) return { outcome: 'replayed' };
      // A new account is the person's own first sign-in: their name from their provider.
      const user =
        existing ??
        (await this.users.createWithoutPassword(
          { email: input.email, displayName: input.displayName },
          tx,
        ));
      await this.employees.joinThroughSso(tx, {
        orgId: input.orgId,
        userId: user.id,
        displayName: input.displayName,
      });
      return { outcome: 'signed-in', user };
    });
  }
}

/**
 * The token's email, when the provider says it verified it (an absent claim is not a yes) and it
 * is no longer, as accounts keep it, than an address can be.
 */
function verifiedEmailOf(claims: JWTPayload): string {
  if (typeof claims.email !== 'string' || claims.email_verified !== true) {
    throw new UnauthorizedException('The ID token carries no verified email.');
  }
  const email = normaliseEmail(claims.email);
  if (email.length > EMAIL_MAX_LENGTH) {
    throw new UnauthorizedException('The ID token’s email is longer than an address can be.');
  }
  return email;
}

function toDto(row: StoredProvider): IdentityProviderDto {
  return {
    id: row.id,
    issuer: row.issuer,
    clientId: row.clientId,
    emailDomains: row.emailDomains,
    tenantClaim: row.tenantClaim,
    tenantId: row.tenantId,
    createdAt: row.createdAt,
  };
}
