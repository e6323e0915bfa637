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

  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateJournalDto,
  ): Promise<JournalDto> {
    return this.journals.create(user.userId, body);
  }

  /** The caller's entries, newest first, optionally by tag and time range. */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: JournalQueryDto,
  ): Promise<JournalPageDto> {
    return this.journals.list(user.userId, query);
  }

  @Get(':id')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<JournalDto> {
    return this.journals.get(user.userId, id);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateJournalDto,
  ): Promise<JournalDto> {
    return this.journals.update(user.userId, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.journals.remove(user.userId, id);
  }
}
