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
import { SerializedFromOpenApi } from '../common/http/response-serialization.js';
import {
  CreateJournalDto,
  JournalDto,
  JournalPageDto,
  JournalQueryDto,
  UpdateJournalDto,
} from './dto/journal.dto.js';
import { JournalsService } from './journals.service.js';

@ApiTags('journals')
@ApiBearerAuth('bearer')
@ApiNotFoundResponse({ description: 'No such entry of the caller (others’ entries included).' })
@Controller('journals')
export class JournalsController {
  constructor(private readonly journals: JournalsService) {}

  /**
   * Writes a journal entry.
   *
   * @remarks
   * For any signed-in person. The text is stored encrypted, and entries are answered to their
   * author only. Up to 20 tags, stored normalised (lower case, dashes for spaces).
   */
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateJournalDto,
  ): Promise<JournalDto> {
    return this.journals.create(user.userId, body);
  }

  /**
   * The caller's entries, newest first, optionally by tag and time range.
   *
   * @remarks
   * Only the caller's own. Paged with `limit` (up to 100, default 20) and `cursor`; `tag` is
   * normalised like stored tags.
   */
  @Get()
  @SerializedFromOpenApi()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: JournalQueryDto,
  ): Promise<JournalPageDto> {
    return this.journals.list(user.userId, query);
  }

  /**
   * One of the caller's journal entries.
   *
   * @remarks
   * Another person's entry answers 404, the same as an unknown one.
   */
  @Get(':id')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<JournalDto> {
    return this.journals.get(user.userId, id);
  }

  /**
   * Changes one of the caller's journal entries.
   *
   * @remarks
   * Only the fields sent change; `tags` replaces them all and `moodScore: null` clears it. Another
   * person's entry answers 404.
   */
  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateJournalDto,
  ): Promise<JournalDto> {
    return this.journals.update(user.userId, id, body);
  }

  /**
   * Deletes one of the caller's journal entries.
   *
   * @remarks
   * For good. Another person's entry answers 404.
   */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.journals.remove(user.userId, id);
  }
}
