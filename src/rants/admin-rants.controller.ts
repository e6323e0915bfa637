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

  /**
   * Reported posts, for moderators.
   *
   * @remarks
   * Platform admins only. Most reported first, with the number of reports per reason; `status`
   * chooses posts still in the feed (`open`) or already hidden. Moderators see the text, never an
   * author or a reporter: neither is recorded.
   */
  @Get('reported')
  reported(@Query() query: ReportedRantsQueryDto): Promise<ReportedRantPageDto> {
    return this.rants.reported(query.status === 'hidden', query.limit ?? 20, query.cursor);
  }

  /**
   * Takes a post out of the feed.
   *
   * @remarks
   * Platform admins only. The post is kept so the decision can be reviewed or undone with restore.
   * An unknown post answers 404.
   */
  @Post(':id/hide')
  @HttpCode(HttpStatus.NO_CONTENT)
  hide(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rants.setHidden(id, true);
  }

  /**
   * Puts a hidden post back in the feed.
   *
   * @remarks
   * Platform admins only. An unknown post answers 404.
   */
  @Post(':id/restore')
  @HttpCode(HttpStatus.NO_CONTENT)
  restore(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rants.setHidden(id, false);
  }
}
