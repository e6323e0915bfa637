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

  /**
   * Books one free slot of a therapist for the caller; it starts pending.
   *
   * @remarks
   * For any signed-in person. The time must be one of the therapist's future slots (422); a slot
   * already booked answers 409, also when two people race for it. The optional note is stored
   * encrypted and answered only to the person who booked.
   */
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

  /**
   * The caller's appointments: upcoming soonest first, or past latest first.
   *
   * @remarks
   * `when` chooses upcoming (the default) or past; paged with `limit` and `cursor`. Each with the
   * caller's note.
   */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AppointmentQueryDto,
  ): Promise<AppointmentPageDto> {
    return this.appointments.list(user.userId, query);
  }

  /**
   * One of the caller's appointments.
   *
   * @remarks
   * With the caller's note. Another person's appointment answers 404, the same as an unknown one.
   */
  @Get(':id')
  @ApiNotFoundResponse({ description: NOT_YOURS })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AppointmentDto> {
    return this.appointments.get(user.userId, id);
  }

  /**
   * Calls off a pending or confirmed appointment: its owner, or an admin for the practice.
   *
   * @remarks
   * A platform admin may cancel anyone's, answered without the person's note; anyone else only
   * their own (404 otherwise). A completed, cancelled or no-show appointment answers 409.
   */
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
   * Moves the caller's appointment to another free slot of the same therapist.
   *
   * @remarks
   * Pending or confirmed appointments only (409 otherwise). Atomic: if the new slot is taken,
   * nothing changes (409). It becomes pending again, since the practice confirmed the old time, not
   * the new one.
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

  /**
   * The practice confirms a pending appointment.
   *
   * @remarks
   * Platform admins only, acting for the practice; answered without the person's note. Anything but
   * a pending appointment answers 409.
   */
  @Post(':id/confirm')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  confirm(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentDto> {
    return this.appointments.setStatus(id, 'confirmed');
  }

  /**
   * The practice records a confirmed session as held, once it has started.
   *
   * @remarks
   * Platform admins only, acting for the practice; answered without the person's note. Anything but
   * a confirmed appointment whose start has passed answers 409.
   */
  @Post(':id/complete')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  complete(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentDto> {
    return this.appointments.setStatus(id, 'completed');
  }

  /**
   * The practice records that the person did not come, once the session has started.
   *
   * @remarks
   * Platform admins only, acting for the practice; answered without the person's note. Anything but
   * a confirmed appointment whose start has passed answers 409.
   */
  @Post(':id/no-show')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  noShow(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentDto> {
    return this.appointments.setStatus(id, 'no_show');
  }
}
