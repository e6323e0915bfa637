import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
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

  create(
    data: { email: string; passwordHash: string; displayName?: string | null },
    db: Db = this.prisma,
  ): Promise<PublicUser> {
    return db.user.create({
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

  findByEmail(email: string, db: Db = this.prisma): Promise<PublicUser | null> {
    return db.user.findUnique({ where: { email }, select: PUBLIC_USER_COLUMNS });
  }

  findCredentialsById(id: string) {
    return this.prisma.user.findUnique({
      where: { id },
      select: { ...PUBLIC_USER_COLUMNS, password: true },
    });
  }

  findById(id: string, db: Db = this.prisma): Promise<PublicUser | null> {
    return db.user.findUnique({ where: { id }, select: PUBLIC_USER_COLUMNS });
  }

  update(id: string, data: Prisma.UserUpdateInput, db: Db = this.prisma): Promise<PublicUser> {
    return db.user.update({ where: { id }, data, select: PUBLIC_USER_COLUMNS });
  }

  async delete(id: string): Promise<number> {
    const { count } = await this.prisma.user.deleteMany({ where: { id } });
    return count;
  }

  /**
   * Makes the accounts that do not exist yet, all with the same password hash, and answers the
   * id of every one of these emails (one made meanwhile by a sign-up is reused). One statement
   * for a whole roster.
   */
  async createMany(emails: string[], passwordHash: string, db: Db): Promise<Map<string, string>> {
    await db.$executeRaw`
      INSERT INTO users (email, password)
      SELECT unnest(${emails}::text[]), ${passwordHash}
      ON CONFLICT (email) DO NOTHING`;
    const rows = await db.$queryRaw<Array<{ id: string; email: string }>>`
      SELECT id, email::text AS email FROM users WHERE email = ANY(${emails}::citext[])`;
    return new Map(rows.map((row) => [row.email.toLowerCase(), row.id]));
  }
}
