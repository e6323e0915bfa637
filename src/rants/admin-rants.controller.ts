import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/guards/roles.decorator.js';
import { ReportedRantPageDto, ReportedRantsQueryDto } from './dto/rant.dto.js';
import { RantsService } from './rants.service.js';

/** Moderation of anonymous posts: moderators see reported text and reasons, never an author. */
@ApiTags('admin')
@ApiBearerAuth('bearer')
@Roles('admin')
@Controller('admin/rants')
export class AdminRantsController {
  constructor(private readonly rants: RantsService) {}

  @Get('reported')
  reported(@Query() query: ReportedRantsQueryDto): Promise<ReportedRantPageDto> {
    return this.rants.reported(query.status === 'hidden', query.limit ?? 20, query.cursor);
  }

  /** Takes a post out of the feed; it is kept so the decision can be reviewed or undone. */
  @Post(':id/hide')
  @HttpCode(HttpStatus.NO_CONTENT)
  hide(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rants.setHidden(id, true);
  }

  /** Puts a hidden post back in the feed. */
  @Post(':id/restore')
  @HttpCode(HttpStatus.NO_CONTENT)
  restore(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rants.setHidden(id, false);
  }
}
