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
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto } from './dto/credentials.dto.js';
import { AuthResponseDto, SessionDto, UpdateMeDto, UserDto } from './dto/user.dto.js';
import { CurrentUser } from './guards/current-user.decorator.js';
import { MeService } from './me.service.js';
import { PersonalDataService } from './personal-data.service.js';
import type { AuthenticatedUser } from './roles.js';
import { RateLimited } from './throttling/rate-limited.decorator.js';

@ApiTags('me')
@ApiBearerAuth('bearer')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Get()
  get(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.me.get(user.userId);
  }

  @Patch()
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateMeDto): Promise<UserDto> {
    return this.me.update(user.userId, body);
  }

  /** Changes the password, ends every session and answers a new one. */
  @Post('password')
  @HttpCode(HttpStatus.OK)
  @RateLimited()
  changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
  ): Promise<AuthResponseDto> {
    return this.me.changePassword(user.userId, body);
  }

  /** Deletes the account and every personal row with it. Anonymous posts stay anonymous. */
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  erase(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.me.erase(user.userId);
  }

  /** Everything stored about the caller, as one JSON document. */
  @Get('export')
  export(@CurrentUser() user: AuthenticatedUser): Promise<Record<string, unknown>> {
    return this.personalData.export(user.userId);
  }

  /** The caller's signed-in sessions. */
  @Get('sessions')
  async sessions(@CurrentUser() user: AuthenticatedUser): Promise<SessionDto[]> {
    const sessions = await this.me.listSessions(user.userId);
    return sessions.map((session) => ({ ...session, current: session.id === user.sessionId }));
  }

  /** Signs one session out. Another person's session id answers 404. */
  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  endSession(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<void> {
    return this.me.endSession(user.userId, id);
  }
}
