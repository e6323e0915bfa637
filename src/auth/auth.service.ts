import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { LoginDto, RegisterDto } from './dto/credentials.dto.js';
import type { AuthResponseDto } from './dto/user.dto.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';
import { SessionsService } from './sessions.service.js';
import { normaliseEmail } from './tokens.js';
import { type PublicUser, UsersRepository } from './users.repository.js';
import { toUserDto } from './user.mapper.js';

const INVALID_CREDENTIALS = 'The email or password is not right.';

/** Sign-up, sign-in and the token exchange around them. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
  ) {}

  async register(input: RegisterDto): Promise<AuthResponseDto> {
    const email = normaliseEmail(input.email);
    // Hash first, whatever happens next, so a taken email answers in the same time as a new one.
    const passwordHash = await hashPassword(input.password);
    const existing = await this.users.findCredentialsByEmail(email);
    if (existing) {
      throw new ConflictException('This email cannot be registered. Sign in instead.');
    }
    const user = await this.users.create({ email, passwordHash, displayName: input.displayName });
    return this.respond(user);
  }

  /** One answer, in similar time, for an unknown email and for a wrong password. */
  async login(input: LoginDto): Promise<AuthResponseDto> {
    const found = await this.users.findCredentialsByEmail(normaliseEmail(input.email));
    const valid = found
      ? await verifyPassword(found.password, input.password)
      : await verifyAgainstDecoy(input.password);
    if (!found || !valid) throw new UnauthorizedException(INVALID_CREDENTIALS);
    const { password: _hash, ...user } = found;
    return this.respond(user);
  }

  refresh(refreshToken: string) {
    return this.sessions.refresh(refreshToken, (userId) => this.roleOf(userId));
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.endByToken(refreshToken);
  }

  private async roleOf(userId: string): Promise<Role | null> {
    const user = await this.users.findById(userId);
    return (user?.role as Role | undefined) ?? null;
  }

  /** Tokens for a user who just proved who they are (`ssoOrgId`: through that organisation's SSO). */
  async respond(user: PublicUser, ssoOrgId: string | null = null): Promise<AuthResponseDto> {
    const tokens = await this.sessions.start(user.id, user.role as Role, ssoOrgId);
    return { ...tokens, user: toUserDto(user) };
  }
}
