import type { UserDto } from './dto/user.dto.js';
import type { Role } from './roles.js';
import type { PublicUser } from './users.repository.js';

export function toUserDto(user: PublicUser): UserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role as Role,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl,
    timezone: user.timezone,
    preferences: (user.preferences ?? {}) as Record<string, unknown>,
    createdAt: user.createdAt,
  };
}
