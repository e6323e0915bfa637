import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/guards/roles.decorator.js';
import {
  CreateTherapistDto,
  SlotListDto,
  SlotQueryDto,
  TherapistDto,
  TherapistPageDto,
  TherapistQueryDto,
  UpdateTherapistDto,
} from './dto/therapist.dto.js';
import { TherapistsService } from './therapists.service.js';

@ApiTags('therapists')
@ApiBearerAuth('bearer')
@Controller('therapists')
export class TherapistsController {
  constructor(private readonly therapists: TherapistsService) {}

  /**
   * The therapist directory, best rated first, then by name.
   *
   * @remarks
   * For any signed-in person. Filtered by specialization, minimum rating, language and free time
   * (at least one free slot between `freeFrom` and `freeTo`), paged with `limit` and `cursor`.
   */
  @Get()
  list(@Query() query: TherapistQueryDto): Promise<TherapistPageDto> {
    return this.therapists.list(query);
  }

  /**
   * One therapist, with their weekly hours.
   *
   * @remarks
   * For any signed-in person. `availability` is null while no hours are set, and nothing can be
   * booked then.
   */
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TherapistDto> {
    return this.therapists.get(id);
  }

  /**
   * A therapist's free slots between `from` and `to` (at most 31 days).
   *
   * @remarks
   * The weekly hours and exceptions laid out on the therapist's local clock, minus booked time and
   * the past. Book one with `POST /v1/appointments`.
   */
  @Get(':id/slots')
  slots(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SlotQueryDto,
  ): Promise<SlotListDto> {
    return this.therapists.slots(id, query);
  }

  /**
   * Adds a therapist to the directory.
   *
   * @remarks
   * Platform admins only. The license number must be unique (409); availability is checked rule by
   * rule (400 naming each field).
   */
  @Post()
  @Roles('admin')
  @ApiConflictResponse({ description: 'Another therapist has this license number.' })
  create(@Body() body: CreateTherapistDto): Promise<TherapistDto> {
    return this.therapists.create(body);
  }

  /**
   * Changes a therapist's details or availability.
   *
   * @remarks
   * Platform admins only. Only the fields given change, `availability` as a whole; booked
   * appointments stay as they are. A license number another therapist has answers 409.
   */
  @Patch(':id')
  @Roles('admin')
  @ApiConflictResponse({ description: 'Another therapist has this license number.' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTherapistDto,
  ): Promise<TherapistDto> {
    return this.therapists.update(id, body);
  }
}
