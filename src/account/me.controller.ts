import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CursorQueryDto } from '../common/pagination/page.dto.js';
import { ChangePasswordDto } from '../auth/dto/credentials.dto.js';
import { AuthResponseDto, UserDto } from '../auth/dto/user.dto.js';
import { SessionPageDto, UpdateMeDto } from './dto/account.dto.js';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import { MeService } from './me.service.js';
import { PersonalDataService } from './personal-data.service.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { RateLimited } from '../auth/throttling/rate-limited.decorator.js';

@ApiTags('me')
@ApiBearerAuth('bearer')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly personalData: PersonalDataService,
  ) {}

  /**
   * The signed-in person's account.
   *
   * @remarks
   * For any signed-in person (not an API client): email, role, display name, avatar, time zone and
   * preferences; never the password or anything their organisations hold about them.
   */
  @Get()
  get(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.me.get(user.userId);
  }

  /**
   * Changes the signed-in person's profile.
   *
   * @remarks
   * Only the fields sent change: display name, avatar URL (https), IANA time zone (mood statistics
   * count days in it) and preferences (free-form JSON up to 16 KB, replaced as a whole; `country`
   * picks the crisis lines shown). Email and role cannot be changed here.
   */
  @Patch()
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateMeDto): Promise<UserDto> {
    return this.me.update(user.userId, body);
  }

  /**
   * Changes the password, ends every session and answers a new one.
   *
   * @remarks
   * Needs the current password; a wrong one answers 401. Every session of the account ends, this
   * one included, so other devices are signed out at once; the answer carries the tokens of a new
   * session. Rate-limited per client address and per account (429 with Retry-After).
   */
  @Post('password')
  @HttpCode(HttpStatus.OK)
  @RateLimited()
  changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
  ): Promise<AuthResponseDto> {
    return this.me.changePassword(user.userId, body);
  }

  /**
   * Deletes the signed-in person's account and personal data.
   *
   * @remarks
   * Irreversible, in one transaction: mood entries, journals, assessment responses, appointments,
   * buddy profile and matches, course enrolments, memberships and sessions go with the account.
   * Anonymous posts and survey answers were never linked to the person and stay as they are;
   * organisations they administered stay, without an admin.
   */
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  erase(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.me.erase(user.userId);
  }

  /**
   * Everything stored about the caller, as one JSON document.
   *
   * @remarks
   * The data export a person is entitled to: account, mood entries and journals (decrypted),
   * assessment responses, appointments, memberships, buddy matches, sessions and course enrolments.
   * Anonymous posts and survey answers are not in it: nothing links them to anyone.
   */
  @Get('export')
  export(@CurrentUser() user: AuthenticatedUser): Promise<Record<string, unknown>> {
    return this.personalData.export(user.userId);
  }

  /**
   * The caller's signed-in sessions.
   *
   * @remarks
   * Open sessions only, each with when it started, was last refreshed and expires; `current` marks
   * the one this request's token belongs to. Last used first, paged with `limit` and `cursor`; a
   * session refreshed while you page moves to the first page.
   */
  @Get('sessions')
  sessions(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<SessionPageDto> {
    return this.me.listSessions(user.userId, user.sessionId, query);
  }

  /**
   * Signs one session out.
   *
   * @remarks
   * Its access tokens stop working at once. Another person's session id answers 404, the same as an
   * unknown one, so ids cannot be probed.
   */
  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  endSession(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<void> {
    return this.me.endSession(user.userId, id);
  }
}
