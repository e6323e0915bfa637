import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { ApiTooManyRequests } from '../common/rate-limit/rate-limit.openapi.js';
import {
  CreatedRantDto,
  CreateRantDto,
  DeleteRantDto,
  RantFeedQueryDto,
  RantPageDto,
  ReportDto,
  ReportRantDto,
  SupportDto,
} from './dto/rant.dto.js';
import { RantsService } from './rants.service.js';

@ApiTags('rants')
@ApiBearerAuth('bearer')
@Controller('rants')
export class RantsController {
  constructor(private readonly rants: RantsService) {}

  /**
   * Posts anonymously.
   *
   * @remarks
   * Sign-in deters abuse, yet nothing stored leads back to the author: the time is kept to the
   * minute, and the delete token in this answer, shown once, is the only link to the post. When the
   * words suggest a crisis, crisis lines for the author's country are in this answer only. At most
   * 10 posts an hour per person (429).
   */
  @Post()
  @ApiTooManyRequests('Too many posts this hour; try again after Retry-After seconds.')
  post(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateRantDto,
  ): Promise<CreatedRantDto> {
    return this.rants.post(user.userId, body.content);
  }

  /**
   * The feed of anonymous posts.
   *
   * @remarks
   * For any signed-in person: posts moderators have not hidden, newest or most supported first
   * (`sort`), paged with `limit` and `cursor`. No post names an author.
   */
  @Get()
  feed(@Query() query: RantFeedQueryDto): Promise<RantPageDto> {
    return this.rants.feed(query.sort ?? 'newest', query.limit ?? 20, query.cursor);
  }

  /**
   * Deletes a post with the token its author was given.
   *
   * @remarks
   * A wrong token answers 404, the same as an unknown post.
   */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeleteRantDto): Promise<void> {
    return this.rants.remove(id, body.deleteToken);
  }

  /**
   * Supports a post, once per person.
   *
   * @remarks
   * Supporting again changes nothing (`added: false`) and answers the current count. Who supported
   * is not recorded, only a keyed hash that lets each person count once. A hidden or unknown post
   * answers 404.
   */
  @Post(':id/support')
  @HttpCode(HttpStatus.OK)
  support(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SupportDto> {
    return this.rants.support(user.userId, id);
  }

  /**
   * Reports a post for moderators to review, once per person; who reported is not recorded.
   *
   * @remarks
   * With a reason. Reporting again changes nothing (`added: false`); a hidden or unknown post
   * answers 404.
   */
  @Post(':id/reports')
  @HttpCode(HttpStatus.OK)
  report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReportRantDto,
  ): Promise<ReportDto> {
    return this.rants.report(user.userId, id, body.reason);
  }
}
