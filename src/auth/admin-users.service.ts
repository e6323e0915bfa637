import { Injectable } from '@nestjs/common';
import type { UserDto } from './dto/user.dto.js';
import type { Role } from './roles.js';
import { toUserDto } from './user.mapper.js';
import { UsersService } from './users.service.js';

@Injectable()
export class AdminUsersService {
  constructor(private readonly users: UsersService) {}

  /** Changing a role ends the user's sessions (tokens carry the role). */
  async setRole(userId: string, role: Role): Promise<UserDto> {
    return toUserDto(await this.users.setRole(userId, role));
  }
}
