import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { LoginDto, RefreshDto, RegisterDto } from './dto/credentials.dto.js';
import { TokenPairDto } from './dto/session.dto.js';
import { AuthResponseDto } from './dto/user.dto.js';
import { Public } from './guards/public.decorator.js';
import { RateLimited } from './throttling/rate-limited.decorator.js';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After.' })
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates an account with the role `individual` and signs it in. */
  @Post('register')
  @ApiConflictResponse({ description: 'This email cannot be registered; sign in instead.' })
  @RateLimited()
  register(@Body() body: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(body);
  }

  /** Signs in with email and password. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @RateLimited()
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (the same answer for both).' })
  login(@Body() body: LoginDto): Promise<AuthResponseDto> {
    return this.auth.login(body);
  }

  /** Exchanges a refresh token for a new pair. Reusing an exchanged token ends the session. */
  @Post('refresh')
  @ApiUnauthorizedResponse({
    description: 'The refresh token is unknown, expired, revoked or already used.',
  })
  @HttpCode(HttpStatus.OK)
  @RateLimited()
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  /** Ends the session the refresh token belongs to. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
