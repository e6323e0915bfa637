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
import { BuddyMatchesService } from './buddy-matches.service.js';
import { BuddyProfilesService } from './buddy-profiles.service.js';
import { BuddyMatchDto, OtherPersonDto } from './dto/buddy-match.dto.js';
import {
  BuddyProfileDto,
  BuddySuggestionDto,
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

  /** Opts in to buddy matching, or replaces your buddy profile. */
  @Put('profile')
  saveProfile(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SaveBuddyProfileDto,
  ): Promise<BuddyProfileDto> {
    return this.profiles.save(user.userId, body);
  }

  /** Your buddy profile; 404 when you have not opted in. */
  @Get('profile')
  @ApiNotFoundResponse({ description: 'You have not opted in to buddy matching.' })
  getProfile(@CurrentUser() user: AuthenticatedUser): Promise<BuddyProfileDto> {
    return this.profiles.get(user.userId);
  }

  /** Opts out: your profile and suggestions go, your pending and active matches end. Blocks stay. */
  @Delete('profile')
  @ApiNotFoundResponse({ description: 'You have not opted in to buddy matching.' })
  @HttpCode(HttpStatus.NO_CONTENT)
  optOut(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.profiles.optOut(user.userId);
  }

  /** People you may like as a buddy, best first; 409 until you opt in. */
  @Get('suggestions')
  @ApiConflictResponse({ description: 'Opt in first (PUT /v1/buddies/profile).' })
  suggestions(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SuggestionQueryDto,
  ): Promise<BuddySuggestionDto[]> {
    return this.profiles.suggestions(user.userId, query.limit ?? 10);
  }

  /** Asks someone to be your buddy; they accept or decline. One live match per pair. */
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

  /** Your pending requests, both ways, and your active matches. */
  @Get('matches')
  matchesOf(@CurrentUser() user: AuthenticatedUser): Promise<BuddyMatchDto[]> {
    return this.matches.list(user.userId);
  }

  /** Accepts a pending request you received. */
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

  /** Declines a pending request you received. */
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

  /** Ends an active match, or withdraws a pending request; either person may. */
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
   * Blocks someone for good (there is no unblock): neither of you is suggested to the other or
   * can ask the other again, and a live match between you stops. They are not told.
   */
  @Post('blocks')
  @ApiNotFoundResponse({ description: 'No such person.' })
  @ApiUnprocessableEntityResponse({ description: 'You cannot block yourself.' })
  @HttpCode(HttpStatus.NO_CONTENT)
  block(@CurrentUser() user: AuthenticatedUser, @Body() body: OtherPersonDto): Promise<void> {
    return this.matches.block(user.userId, body.userId);
  }
}
