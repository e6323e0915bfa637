import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';

/** The columns of a user that may leave the service: never the password hash. */
export const PUBLIC_USER_COLUMNS = {
  id: true,
  email: true,
  role: true,
  displayName: true,
  avatarUrl: true,
  timezone: true,
  preferences: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type PublicUser = Prisma.UserGetPayload<{ select: typeof PUBLIC_USER_COLUMNS }>;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { email: string; passwordHash: string; displayName?: string }): Promise<PublicUser> {
    return this.prisma.user.create({
      data: { email: data.email, password: data.passwordHash, displayName: data.displayName },
      select: PUBLIC_USER_COLUMNS,
    });
  }

  findCredentialsByEmail(email: string) {
    return this.prisma.user.findUnique({
      where: { email },
      select: { ...PUBLIC_USER_COLUMNS, password: true },
    });
  }

  findCredentialsById(id: string) {
    return this.prisma.user.findUnique({
      where: { id },
      select: { ...PUBLIC_USER_COLUMNS, password: true },
    });
  }

  findById(id: string): Promise<PublicUser | null> {
    return this.prisma.user.findUnique({ where: { id }, select: PUBLIC_USER_COLUMNS });
  }

  update(id: string, data: Prisma.UserUpdateInput): Promise<PublicUser> {
    return this.prisma.user.update({ where: { id }, data, select: PUBLIC_USER_COLUMNS });
  }
}
