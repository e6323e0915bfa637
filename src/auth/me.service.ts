import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ChangePasswordDto } from './dto/credentials.dto.js';
import type { AuthResponseDto, SessionPageDto, UpdateMeDto, UserDto } from './dto/user.dto.js';
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

  /**
   * The person's live sessions, last used first; `currentSessionId` is the one the request came
   * with. They page on their last use, so a session used during the walk moves to the first page.
   */
  async listSessions(
    userId: string,
    currentSessionId: string,
    query: CursorQueryDto,
  ): Promise<SessionPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.sessions.page(userId, limit, after);
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.lastUsedAt })),
      limit,
      ({ id, startedAt, lastUsedAt, expiresAt }) => ({
        id,
        startedAt,
        lastUsedAt,
        expiresAt,
        current: id === currentSessionId,
      }),
    );
  }

  endSession(userId: string, sessionId: string) {
    return this.sessions.end(userId, sessionId);
  }
}
