import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import type { ChangePasswordDto } from '../auth/dto/credentials.dto.js';
import type { AuthResponseDto, UserDto } from '../auth/dto/user.dto.js';
import type { SessionPageDto, UpdateMeDto } from './dto/account.dto.js';
import { AuthService } from '../auth/auth.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { toUserDto } from '../auth/user.mapper.js';
import { UsersService } from '../auth/users.service.js';

/** Preferences are free-form for clients, but bounded. */
const PREFERENCES_MAX_BYTES = 16 * 1024;

/** A person's own account: profile, password, sessions, export and erasure. */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
  ) {}

  async get(userId: string): Promise<UserDto> {
    const user = await this.users.find(userId);
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
    const user = await this.users.updateProfile(userId, {
      displayName: input.displayName,
      avatarUrl: input.avatarUrl,
      timezone: input.timezone,
      preferences: input.preferences,
    });
    return toUserDto(user);
  }

  /** A new password ends every session, this one included, and starts a fresh one. */
  async changePassword(userId: string, input: ChangePasswordDto): Promise<AuthResponseDto> {
    const user = await this.users.changePassword(userId, input.currentPassword, input.newPassword);
    return this.auth.respond(user);
  }

  /**
   * Erases the person: the user row, and with it (ON DELETE CASCADE, one statement, so one
   * transaction) their mood entries, journals, assessment responses, sessions, memberships,
   * buddy matches and appointments. Organisation rows they administered and assessments they
   * wrote stay, without them. Anonymous rants and survey answers never pointed at them.
   */
  async erase(userId: string): Promise<void> {
    if (!(await this.users.erase(userId))) {
      throw new NotFoundException('This account no longer exists.');
    }
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
