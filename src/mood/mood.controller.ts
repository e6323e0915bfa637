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

  /** Records how the caller feels now. */
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateMoodDto,
  ): Promise<MoodEntryDto> {
    return this.mood.create(user.userId, body);
  }

  /** The caller's entries, newest first. */
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<MoodPageDto> {
    return this.mood.list(user.userId, query);
  }

  /** Daily means in the caller's time zone, moving averages, trend, weekdays and streaks. */
  @Get('stats')
  stats(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: MoodStatsQueryDto,
  ): Promise<MoodStatsDto> {
    return this.mood.stats(user.userId, query.days);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ description: 'No such entry of the caller (others’ entries included).' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMoodDto,
  ): Promise<MoodEntryDto> {
    return this.mood.update(user.userId, id, body);
  }

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
