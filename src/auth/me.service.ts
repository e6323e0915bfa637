import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ChangePasswordDto } from './dto/credentials.dto.js';
import type { AuthResponseDto, UpdateMeDto, UserDto } from './dto/user.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { AuthService } from './auth.service.js';
import { SessionsService } from './sessions.service.js';
import { toUserDto } from './user.mapper.js';
import { UsersRepository } from './users.repository.js';

/** Preferences are free-form for clients, but bounded. */
const PREFERENCES_MAX_BYTES = 16 * 1024;

/** A person's own account: profile, password, sessions, export and erasure. */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly prisma: PrismaService,
  ) {}

  async get(userId: string): Promise<UserDto> {
    const user = await this.users.findById(userId);
    // The token outlived its account (deleted since): not a client error to describe.
    if (!user) throw new UnauthorizedException('This account no longer exists.');
    return toUserDto(user);
  }

  async update(userId: string, input: UpdateMeDto): Promise<UserDto> {
    if (
      input.preferences &&
      Buffer.byteLength(JSON.stringify(input.preferences)) > PREFERENCES_MAX_BYTES
    ) {
      throw new BadRequestException('preferences must be at most 16 KB of JSON.');
    }
    await this.get(userId);
    const user = await this.users.update(userId, {
      displayName: input.displayName,
      avatarUrl: input.avatarUrl,
      timezone: input.timezone,
      preferences: input.preferences as Prisma.InputJsonValue | undefined,
    });
    return toUserDto(user);
  }

  /** A new password ends every session, this one included, and starts a fresh one. */
  async changePassword(userId: string, input: ChangePasswordDto): Promise<AuthResponseDto> {
    const found = await this.users.findCredentialsById(userId);
    if (!found) throw new UnauthorizedException('This account no longer exists.');
    if (!(await verifyPassword(found.password, input.currentPassword))) {
      throw new UnauthorizedException('The current password is not right.');
    }
    const passwordHash = await hashPassword(input.newPassword);
    const { password: _old, ...user } = found;
    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: userId }, data: { password: passwordHash } }),
      this.prisma.refreshToken.deleteMany({ where: { userId } }),
    ]);
    return this.auth.respond(user);
  }

  /**
   * Erases the person: the user row, and with it (ON DELETE CASCADE, one statement, so one
   * transaction) their mood entries, journals, assessment responses, sessions, memberships,
   * buddy matches and appointments. Organisation rows they administered and assessments they
   * wrote stay, without them. Anonymous rants and survey answers never pointed at them.
   */
  async erase(userId: string): Promise<void> {
    const { count } = await this.prisma.user.deleteMany({ where: { id: userId } });
    if (count === 0) throw new NotFoundException('This account no longer exists.');
  }

  listSessions(userId: string) {
    return this.sessions.list(userId);
  }

  endSession(userId: string, sessionId: string) {
    return this.sessions.end(userId, sessionId);
  }
}
