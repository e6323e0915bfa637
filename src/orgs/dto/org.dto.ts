import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class CreateOrgDto {
  @ApiProperty({ example: 'Acme Ltd' })
  @IsString()
  @Length(1, 200)
  name!: string;

  /** The user who administers the organisation; defaults to the caller. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  adminUserId?: string;

  /** Smallest group whose aggregates are shown (at least 3; default 5). */
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(1000)
  minGroupSize?: number;
}

export class OrgDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  name!: string;

  @ApiProperty({ format: 'uuid', nullable: true })
  adminUserId!: string | null;

  minGroupSize!: number;

  /** 0..100, recomputed in the background; null until first computed. */
  wellnessScore!: number | null;

  createdAt!: Date;
}

export class EmployeeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  /** Random, never derived from the user id. */
  anonymizedId!: string;

  email!: string;
  displayName!: string | null;
  jobTitle!: string | null;
  department!: string | null;
  createdAt!: Date;
}
