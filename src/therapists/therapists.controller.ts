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
   * The directory, best rated first, then by name: by specialization, minimum rating, language,
   * and free time (at least one free slot between freeFrom and freeTo).
   */
  @Get()
  list(@Query() query: TherapistQueryDto): Promise<TherapistPageDto> {
    return this.therapists.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TherapistDto> {
    return this.therapists.get(id);
  }

  /**
   * Free slots between `from` and `to` (at most 31 days): the weekly hours and exceptions laid
   * out on the therapist's local clock, minus booked time and the past.
   */
  @Get(':id/slots')
  slots(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SlotQueryDto,
  ): Promise<SlotListDto> {
    return this.therapists.slots(id, query);
  }

  @Post()
  @Roles('admin')
  @ApiConflictResponse({ description: 'Another therapist has this license number.' })
  create(@Body() body: CreateTherapistDto): Promise<TherapistDto> {
    return this.therapists.create(body);
  }

  /** Changes the given fields; booked appointments stay as they are. */
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
