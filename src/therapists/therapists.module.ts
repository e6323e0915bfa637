import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller.js';
import { AppointmentsRepository } from './appointments.repository.js';
import { AppointmentsService } from './appointments.service.js';
import { TherapistsController } from './therapists.controller.js';
import { TherapistsRepository } from './therapists.repository.js';
import { TherapistsService } from './therapists.service.js';

/** The therapist directory and booking: one feature, since slots are hours minus bookings. */
@Module({
  controllers: [TherapistsController, AppointmentsController],
  providers: [TherapistsRepository, TherapistsService, AppointmentsRepository, AppointmentsService],
  exports: [AppointmentsService, TherapistsService],
})
export class TherapistsModule {}
