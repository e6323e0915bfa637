import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../database/prisma.service.js';
import { newAnonymizedId } from '../../orgs/orgs.service.js';
import { OrgAccessService } from '../../orgs/org-access.service.js';
import { AuthService } from '../auth.service.js';
import type { AuthResponseDto } from '../dto/user.dto.js';
import type { AuthenticatedUser } from '../roles.js';
import { normaliseEmail } from '../tokens.js';
import { PUBLIC_USER_COLUMNS } from '../users.repository.js';
import type {
  CreateIdentityProviderDto,
  IdentityProviderDto,
  SsoExchangeDto,
} from './identity-provider.dto.js';
import { INVALID_ID_TOKEN, OidcVerifier } from './oidc-verifier.js';

/**
 * Marks an account made by SSO: not an argon2 hash, so no password ever matches it (argon2
 * refuses to verify against it) until the person sets one.
 */
const NO_PASSWORD = '!sso-only';

/** Whether the email address belongs to one of the allowed domains (exactly, not subdomains). */
export function emailDomainAllowed(email: string, allowed: string[]): boolean {
  const domain = email.split('@').at(-1) ?? '';
  return allowed.some((entry) => domain === entry);
}

/** Whether an issuer URL is acceptable: https, or http on loopback outside production. */
export function issuerAllowed(issuer: string, production: boolean): boolean {
  const url = new URL(issuer);
  if (url.protocol === 'https:') return true;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback && !production;
}

@Injectable()
export class SsoService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: OrgAccessService,
    private readonly verifier: OidcVerifier,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async register(
    caller: AuthenticatedUser,
    orgId: string,
    input: CreateIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    await this.access.assertCanManage(caller, orgId);
    if (!issuerAllowed(input.issuer, this.config.NODE_ENV === 'production')) {
      throw new BadRequestException('issuer must be an https URL.');
    }
    const provider = await this.prisma.identityProvider.create({
      data: {
        orgId,
        issuer: input.issuer,
        clientId: input.clientId,
        emailDomains: input.emailDomains.map((domain) => domain.toLowerCase()),
      },
    });
    return toDto(provider);
  }

  async list(caller: AuthenticatedUser, orgId: string): Promise<IdentityProviderDto[]> {
    await this.access.assertCanManage(caller, orgId);
    const providers = await this.prisma.identityProvider.findMany({
      where: { orgId },
      orderBy: { createdAt: 'asc' },
    });
    return providers.map(toDto);
  }

  async remove(caller: AuthenticatedUser, orgId: string, id: string): Promise<void> {
    await this.access.assertCanManage(caller, orgId);
    const { count } = await this.prisma.identityProvider.deleteMany({ where: { id, orgId } });
    if (count === 0) throw new NotFoundException('No such identity provider.');
  }

  /**
   * Signs in an employee with an ID token from their organisation's provider. The first time,
   * the account and the membership are made (just-in-time provisioning); later, they are reused.
   */
  async exchange(input: SsoExchangeDto): Promise<AuthResponseDto> {
    const issuer = this.verifier.claimedIssuer(input.idToken);
    const provider = await this.prisma.identityProvider.findUnique({ where: { issuer } });
    if (!provider) throw new UnauthorizedException(INVALID_ID_TOKEN);
    const claims = await this.verifier.verify(input.idToken, {
      issuer: provider.issuer,
      audience: provider.clientId,
      nonce: input.nonce,
    });
    if (typeof claims.email !== 'string' || claims.email_verified === false) {
      throw new UnauthorizedException('The ID token carries no verified email.');
    }
    const email = normaliseEmail(claims.email);
    if (!emailDomainAllowed(email, provider.emailDomains as string[])) {
      throw new UnauthorizedException('This email domain is not signed in by this provider.');
    }
    const displayName = typeof claims.name === 'string' ? claims.name.slice(0, 80) : undefined;
    // One transaction: an account is never left without the membership that justified it.
    const user = await this.prisma.$transaction(async (tx) => {
      const account =
        (await tx.user.findUnique({ where: { email }, select: PUBLIC_USER_COLUMNS })) ??
        (await tx.user.create({
          data: { email, password: NO_PASSWORD, displayName },
          select: PUBLIC_USER_COLUMNS,
        }));
      await tx.employee.upsert({
        where: { orgId_userId: { orgId: provider.orgId, userId: account.id } },
        create: { orgId: provider.orgId, userId: account.id, anonymizedId: newAnonymizedId() },
        update: {},
      });
      return account;
    });
    return this.auth.respond(user);
  }
}

function toDto(row: {
  id: string;
  issuer: string;
  clientId: string;
  emailDomains: unknown;
  createdAt: Date;
}): IdentityProviderDto {
  return { ...row, emailDomains: row.emailDomains as string[] };
}
