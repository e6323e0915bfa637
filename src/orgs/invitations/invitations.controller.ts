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
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AllowClients } from '../../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal, CurrentUser } from '../../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser, Principal } from '../../auth/roles.js';
import { CursorQueryDto } from '../../common/pagination/page.dto.js';
import {
  AcceptedInvitationDto,
  InvitationDto,
  InvitationPageDto,
  InviteDto,
  ReceivedInvitationPageDto,
} from './dto/invitation.dto.js';
import { InvitationsService } from './invitations.service.js';

/**
 * Invitations an organisation sends to people outside its verified domains. The person sees
 * them after signing in (`GET /v1/me/invitations`) and joins only by accepting.
 */
@ApiTags('orgs', 'HR integration')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/invitations')
export class OrgInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /**
   * Invites a person by email; valid for 14 days.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:write`: how a
   * person outside the organisation's verified domains joins. They see the invitation once signed
   * in with that email and join only by accepting; until then nothing of theirs reaches the
   * organisation. A current member, or an open invitation to the same email, answers 409.
   */
  @Post()
  @AllowClients('employees:write')
  @ApiConflictResponse({ description: 'Already a member, or already invited.' })
  invite(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: InviteDto,
  ): Promise<InvitationDto> {
    return this.invitations.invite(principal, orgId, body);
  }

  /**
   * The organisation's invitations, newest first, with their answers.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:read` or
   * `employees:write`; anyone else gets 404. Each is pending, accepted, declined, withdrawn or
   * expired. Paged with `limit` and `cursor`.
   */
  @Get()
  @AllowClients('employees:read', 'employees:write')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: CursorQueryDto,
  ): Promise<InvitationPageDto> {
    return this.invitations.listOfOrg(principal, orgId, query);
  }

  /**
   * Withdraws an open invitation.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:write`. An
   * invitation already answered or withdrawn answers 404.
   */
  @Delete(':invitationId')
  @AllowClients('employees:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.invitations.withdraw(principal, orgId, id);
  }
}

/** The signed-in person's invitations: theirs to accept or decline. */
@ApiTags('orgs')
@ApiBearerAuth('bearer')
@Controller('me/invitations')
export class MyInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /**
   * Open invitations addressed to the email the person signs in with.
   *
   * @remarks
   * For any signed-in person: pending invitations not yet expired, with the organisation's name and
   * the job details it offers; newest first, paged with `limit` and `cursor`.
   */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<ReceivedInvitationPageDto> {
    return this.invitations.received(user, query);
  }

  /**
   * Accepts an invitation and joins the organisation.
   *
   * @remarks
   * For the person it is addressed to (by sign-in email); another person's, an expired or an
   * answered invitation answers 404, and a current member 409. The membership takes the
   * invitation's details (an ended one starts again), and from then on the person's mood counts
   * towards the organisation's aggregate wellness.
   */
  @Post(':invitationId/accept')
  @HttpCode(HttpStatus.OK)
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(user, id);
  }

  /**
   * Declines an invitation.
   *
   * @remarks
   * For the person it is addressed to; another person's, an expired or an answered invitation
   * answers 404. The organisation sees the invitation declined, and nothing else of the person.
   */
  @Post(':invitationId/decline')
  @HttpCode(HttpStatus.NO_CONTENT)
  decline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.invitations.decline(user, id);
  }
}
