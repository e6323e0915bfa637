import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { UserDto } from './dto/user.dto.js';
import type { Role } from './roles.js';
import { toUserDto } from './user.mapper.js';
import { PUBLIC_USER_COLUMNS } from './users.repository.js';

@Injectable()
export class AdminUsersService {
  constructor(private readonly prisma: PrismaService) {}

  /** Changing a role ends the user's sessions in the same transaction (tokens carry the role). */
  async setRole(userId: string, role: Role): Promise<UserDto> {
    const [user] = await this.prisma.$transaction([
      this.prisma.user.update({
        where: { id: userId },
        data: { role },
        select: PUBLIC_USER_COLUMNS,
      }),
      this.prisma.refreshToken.deleteMany({ where: { userId } }),
    ]);
    return toUserDto(user);
  }
}
