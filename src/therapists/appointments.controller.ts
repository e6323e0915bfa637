import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import { Roles } from '../auth/guards/roles.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { AppointmentsService } from './appointments.service.js';
import {
  AppointmentDto,
  AppointmentPageDto,
  AppointmentQueryDto,
  CreateAppointmentDto,
  RescheduleAppointmentDto,
} from './dto/appointment.dto.js';

const NOT_YOURS = 'No such appointment of the caller (others’ appointments included).';
const ILLEGAL_MOVE = 'The status does not allow this change; the detail names from and to.';

@ApiTags('appointments')
@ApiBearerAuth('bearer')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** Books one free slot of a therapist for the caller; it starts pending. */
  @Post()
  @ApiNotFoundResponse({ description: 'No such therapist.' })
  @ApiUnprocessableEntityResponse({ description: 'Not one of the therapist’s future slots.' })
  @ApiConflictResponse({ description: 'The slot is already booked.' })
  book(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateAppointmentDto,
  ): Promise<AppointmentDto> {
    return this.appointments.book(user.userId, body);
  }

  /** The caller's appointments: upcoming soonest first, or past latest first. */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AppointmentQueryDto,
  ): Promise<AppointmentPageDto> {
    return this.appointments.list(user.userId, query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: NOT_YOURS })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AppointmentDto> {
    return this.appointments.get(user.userId, id);
  }

  /** Calls off a pending or confirmed appointment: its owner, or an admin for the practice. */
  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiNotFoundResponse({ description: NOT_YOURS })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AppointmentDto> {
    return this.appointments.cancel(user, id);
  }

  /**
   * Moves the caller's pending or confirmed appointment to another free slot of the same
   * therapist, atomically (a taken slot changes nothing); it becomes pending again.
   */
  @Post(':id/reschedule')
  @HttpCode(HttpStatus.OK)
  @ApiNotFoundResponse({ description: NOT_YOURS })
  @ApiUnprocessableEntityResponse({ description: 'Not one of the therapist’s future slots.' })
  @ApiConflictResponse({ description: 'The slot is taken, or the appointment is not open.' })
  reschedule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RescheduleAppointmentDto,
  ): Promise<AppointmentDto> {
    return this.appointments.reschedule(user.userId, id, body);
  }

  /** The practice confirms a pending appointment. */
  @Post(':id/confirm')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  confirm(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentDto> {
    return this.appointments.setStatus(id, 'confirmed');
  }

  /** The practice records a confirmed session as held, once it has started. */
  @Post(':id/complete')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  complete(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentDto> {
    return this.appointments.setStatus(id, 'completed');
  }

  /** The practice records that the person did not come, once the session has started. */
  @Post(':id/no-show')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  noShow(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentDto> {
    return this.appointments.setStatus(id, 'no_show');
  }
}
