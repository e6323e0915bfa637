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

  /**
   * Creates an account with the role `individual` and signs it in.
   *
   * @remarks
   * Public. Answers the account and the tokens of a new session. An email already registered
   * answers 409, in about the time a new one takes. Rate-limited per client address and per email
   * (429 with Retry-After).
   */
  @Post('register')
  @ApiConflictResponse({ description: 'This email cannot be registered; sign in instead.' })
  @RateLimited()
  register(@Body() body: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(body);
  }

  /**
   * Signs in with email and password.
   *
   * @remarks
   * Public. Answers the account and the tokens of a new session. An unknown email and a wrong
   * password get the same 401, so neither reveals whether an account exists; accounts made by an
   * organisation's SSO or provisioning have no password and sign in through that SSO. Rate-limited
   * per client address and per email (429 with Retry-After).
   */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @RateLimited()
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (the same answer for both).' })
  login(@Body() body: LoginDto): Promise<AuthResponseDto> {
    return this.auth.login(body);
  }

  /**
   * Exchanges a refresh token for a new token pair.
   *
   * @remarks
   * Public: the refresh token is the credential. Each refresh token works once; keep the new one.
   * Presenting one that was already exchanged ends its whole session (someone else may hold it) and
   * answers 401, as do unknown and expired ones. Rate-limited per client address and per token (429
   * with Retry-After).
   */
  @Post('refresh')
  @ApiUnauthorizedResponse({
    description: 'The refresh token is unknown, expired, revoked or already used.',
  })
  @HttpCode(HttpStatus.OK)
  @RateLimited()
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  /**
   * Ends the session the refresh token belongs to.
   *
   * @remarks
   * Public: the refresh token is the credential. The session's access tokens stop working at once.
   * An unknown token changes nothing and also answers 204, so calling it twice is harmless.
   */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
