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
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { CursorQueryDto } from '../common/pagination/page.dto.js';
import { BuddyMatchesService } from './buddy-matches.service.js';
import { BuddyProfilesService } from './buddy-profiles.service.js';
import { BuddyMatchDto, BuddyMatchPageDto, OtherPersonDto } from './dto/buddy-match.dto.js';
import {
  BuddyProfileDto,
  BuddySuggestionPageDto,
  SaveBuddyProfileDto,
  SuggestionQueryDto,
} from './dto/buddy-profile.dto.js';

@ApiTags('buddies')
@ApiBearerAuth('bearer')
@Controller('buddies')
export class BuddiesController {
  constructor(
    private readonly profiles: BuddyProfilesService,
    private readonly matches: BuddyMatchesService,
  ) {}

  /**
   * Opts in to buddy matching, or replaces your buddy profile.
   *
   * @remarks
   * Interests, goals and preferred hours (on your clock: the account's time zone unless one is
   * given). Your suggestions are recomputed in the background, so they can take a moment to appear.
   * Others are shown your display name, the interests you share with them and your goals.
   */
  @Put('profile')
  saveProfile(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SaveBuddyProfileDto,
  ): Promise<BuddyProfileDto> {
    return this.profiles.save(user.userId, body);
  }

  /**
   * Your buddy profile.
   *
   * @remarks
   * 404 when you have not opted in.
   */
  @Get('profile')
  @ApiNotFoundResponse({ description: 'You have not opted in to buddy matching.' })
  getProfile(@CurrentUser() user: AuthenticatedUser): Promise<BuddyProfileDto> {
    return this.profiles.get(user.userId);
  }

  /**
   * Opts out of buddy matching.
   *
   * @remarks
   * Your profile and suggestions go, and your pending and active matches end. Blocks stay, both
   * ways, so opting in again does not undo them. 404 when you had not opted in.
   */
  @Delete('profile')
  @ApiNotFoundResponse({ description: 'You have not opted in to buddy matching.' })
  @HttpCode(HttpStatus.NO_CONTENT)
  optOut(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.profiles.optOut(user.userId);
  }

  /**
   * People you may like as a buddy, best first.
   *
   * @remarks
   * Up to `limit` (default 10, at most 50), from the list kept for you in the background; people
   * you have a pending, active or blocked match with are left out. One page: `nextCursor` is
   * always null. 409 until you opt in.
   */
  @Get('suggestions')
  @ApiConflictResponse({ description: 'Opt in first (PUT /v1/buddies/profile).' })
  suggestions(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SuggestionQueryDto,
  ): Promise<BuddySuggestionPageDto> {
    return this.profiles.suggestions(user.userId, query.limit ?? 10);
  }

  /**
   * Asks someone to be your buddy; they accept or decline.
   *
   * @remarks
   * Both of you must have opted in: 409 until you have; someone who has not, or who blocked you or
   * whom you blocked, answers 404 alike. One live match per pair: 409 when you already have a
   * pending or active one.
   */
  @Post('requests')
  @ApiNotFoundResponse({ description: 'No one with this id is open to buddy requests.' })
  @ApiConflictResponse({
    description: 'You have not opted in, or you two already have a pending or active match.',
  })
  @ApiUnprocessableEntityResponse({ description: 'You cannot be your own buddy.' })
  request(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: OtherPersonDto,
  ): Promise<BuddyMatchDto> {
    return this.matches.request(user.userId, body.userId);
  }

  /**
   * Your pending requests, both ways, and your active matches.
   *
   * @remarks
   * Each with the other person's display name, its direction and the compatibility score. Declined,
   * ended and blocked matches are not listed. Newest first, paged with `limit` and `cursor`.
   */
  @Get('matches')
  matchesOf(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<BuddyMatchPageDto> {
    return this.matches.list(user.userId, query);
  }

  /**
   * Accepts a pending request you received.
   *
   * @remarks
   * Only the person asked may accept (403 for the one who asked); a match no longer pending answers
   * 409.
   */
  @Post('matches/:id/accept')
  @ApiForbiddenResponse({ description: 'Only the person who was asked can answer a request.' })
  @ApiNotFoundResponse({ description: 'No such match of yours.' })
  @ApiConflictResponse({ description: 'The match is not in a state this step applies to.' })
  @HttpCode(HttpStatus.OK)
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BuddyMatchDto> {
    return this.matches.accept(user.userId, id);
  }

  /**
   * Declines a pending request you received.
   *
   * @remarks
   * Only the person asked may decline (403 for the one who asked); a match no longer pending
   * answers 409.
   */
  @Post('matches/:id/decline')
  @ApiForbiddenResponse({ description: 'Only the person who was asked can answer a request.' })
  @ApiNotFoundResponse({ description: 'No such match of yours.' })
  @ApiConflictResponse({ description: 'The match is not in a state this step applies to.' })
  @HttpCode(HttpStatus.OK)
  decline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BuddyMatchDto> {
    return this.matches.decline(user.userId, id);
  }

  /**
   * Ends an active match, or withdraws a pending request; either person may.
   *
   * @remarks
   * A match already declined or ended answers 409.
   */
  @Post('matches/:id/end')
  @ApiNotFoundResponse({ description: 'No such match of yours.' })
  @ApiConflictResponse({ description: 'The match is not in a state this step applies to.' })
  @HttpCode(HttpStatus.OK)
  end(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BuddyMatchDto> {
    return this.matches.end(user.userId, id);
  }

  /**
   * Blocks someone for good.
   *
   * @remarks
   * There is no unblock. Neither of you is suggested to the other or can ask the other again, and a
   * live match between you stops. They are not told: to them you look like someone who has not
   * opted in. Blocking again changes nothing.
   */
  @Post('blocks')
  @ApiNotFoundResponse({ description: 'No such person.' })
  @ApiUnprocessableEntityResponse({ description: 'You cannot block yourself.' })
  @HttpCode(HttpStatus.NO_CONTENT)
  block(@CurrentUser() user: AuthenticatedUser, @Body() body: OtherPersonDto): Promise<void> {
    return this.matches.block(user.userId, body.userId);
  }
}
