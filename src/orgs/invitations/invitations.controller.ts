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
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AllowClients } from '../../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal, CurrentUser } from '../../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser, Principal } from '../../auth/roles.js';
import {
  AcceptedInvitationDto,
  InvitationDto,
  InviteDto,
  ReceivedInvitationDto,
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

  /** Invites a person by email; valid for 14 days. */
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

  /** The organisation's invitations, newest first (the latest 200), with their answers. */
  @Get()
  @AllowClients('employees:read', 'employees:write')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<InvitationDto[]> {
    return this.invitations.listOfOrg(principal, orgId);
  }

  /** Withdraws an open invitation. */
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

  /** Open invitations addressed to the email the person signs in with. */
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<ReceivedInvitationDto[]> {
    return this.invitations.received(user);
  }

  /** Joins the organisation. */
  @Post(':invitationId/accept')
  @HttpCode(HttpStatus.OK)
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(user, id);
  }

  /** Says no; the organisation sees the invitation declined. */
  @Post(':invitationId/decline')
  @HttpCode(HttpStatus.NO_CONTENT)
  decline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.invitations.decline(user, id);
  }
}
