import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { MaxLengthOnceNormalised } from '../../common/validation/max-length-once-normalised.js';
import { EMAIL_MAX_LENGTH } from '../../common/validation/text-limits.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.js';
import { normaliseEmail } from '../tokens.js';

export class LoginDto {
  @ApiProperty({ example: 'ana@acme.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  /** Any characters; length is the only rule (NIST SP 800-63B). */
  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}

export class RegisterDto {
  @ApiProperty({ example: 'ana@acme.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  @MaxLengthOnceNormalised(normaliseEmail, EMAIL_MAX_LENGTH)
  email!: string;

  /** 12 to 128 characters, no composition rules (NIST SP 800-63B). */
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ required: false, example: 'Ana' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  displayName?: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'q0Kx3m1uXgW4cQ9bV2s7nZ8tY5rA6eD1fH3jL0pO2iU' })
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword!: string;
}
