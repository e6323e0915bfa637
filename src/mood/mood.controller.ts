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
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { PageQueryDto } from '../common/pagination/page.dto.js';
import { SerializedFromOpenApi } from '../common/http/response-serialization.js';
import {
  CreateMoodDto,
  MoodEntryDto,
  MoodPageDto,
  MoodStatsDto,
  MoodStatsQueryDto,
  UpdateMoodDto,
} from './dto/mood.dto.js';
import { MoodService } from './mood.service.js';

@ApiTags('mood')
@ApiBearerAuth('bearer')
@Controller('mood')
export class MoodController {
  constructor(private readonly mood: MoodService) {}

  /**
   * Records how the caller feels now.
   *
   * @remarks
   * For any signed-in person. A score from 1 to 10 and an optional note, stored encrypted and
   * answered to no one else. Each change to a person's entries queues a recompute of their
   * organisations' wellness scores, which show only aggregates.
   */
  @Post()
  @SerializedFromOpenApi()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateMoodDto,
  ): Promise<MoodEntryDto> {
    return this.mood.create(user.userId, body);
  }

  /**
   * The caller's entries, newest first.
   *
   * @remarks
   * Only the caller's own, with their notes. Paged with `limit` (up to 100, default 20) and
   * `cursor`, optionally between `from` and `to`.
   */
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<MoodPageDto> {
    return this.mood.list(user.userId, query);
  }

  /**
   * Daily means in the caller's time zone, moving averages, trend, weekdays and streaks.
   *
   * @remarks
   * Over the last `days` calendar days (default 30, up to 365), counted in the time zone of the
   * caller's account; a day without an entry has a null average.
   */
  @Get('stats')
  @SerializedFromOpenApi()
  stats(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: MoodStatsQueryDto,
  ): Promise<MoodStatsDto> {
    return this.mood.stats(user.userId, query.days);
  }

  /**
   * Changes one of the caller's mood entries.
   *
   * @remarks
   * Only the fields sent change; `notes: null` removes the note. Another person's entry answers
   * 404, the same as an unknown one. The caller's organisations' scores are recomputed.
   */
  @Patch(':id')
  @ApiNotFoundResponse({ description: 'No such entry of the caller (others’ entries included).' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMoodDto,
  ): Promise<MoodEntryDto> {
    return this.mood.update(user.userId, id, body);
  }

  /**
   * Deletes one of the caller's mood entries.
   *
   * @remarks
   * Another person's entry answers 404, the same as an unknown one. The caller's organisations'
   * scores are recomputed without it.
   */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNotFoundResponse({ description: 'No such entry of the caller (others’ entries included).' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.mood.remove(user.userId, id);
  }
}
