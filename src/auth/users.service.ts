import { Injectable, UnauthorizedException } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';
import { SessionsService } from './sessions.service.js';
import { unusablePasswordHash } from './unusable-password.js';
import { type PublicUser, UsersRepository } from './users.repository.js';

/**
 * Accounts, as other features may reach them: found by email, or made for someone who has not
 * chosen a password (provisioned by their organisation, or signing in through its SSO). Give it
 * the caller's transaction when the account must exist together with what is written beside it.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly prisma: PrismaService,
  ) {}

  find(userId: string): Promise<PublicUser | null> {
    return this.users.findById(userId);
  }

  /** The country the person gave in their preferences (ISO 3166 alpha-2, as they sent it). */
  async countryOf(userId: string): Promise<unknown> {
    const user = await this.users.findById(userId);
    return (user?.preferences as { country?: unknown } | null)?.country;
  }

  findByEmail(email: string, db?: Db): Promise<PublicUser | null> {
    return this.users.findByEmail(email, db);
  }

  /**
   * An account nobody can sign in to with a password until its owner sets one; its hash is a
   * real one, so a sign-in attempt takes the same time as for any account.
   */
  async createWithoutPassword(
    data: { email: string; displayName?: string | null },
    db?: Db,
  ): Promise<PublicUser> {
    return this.users.create(
      {
        email: data.email,
        passwordHash: await unusablePasswordHash(),
        displayName: data.displayName,
      },
      db,
    );
  }

  /**
   * Accounts for a roster's new people, as `createWithoutPassword` makes one (sharing one unusable
   * hash); answers the account id of each email, existing accounts included.
   */
  async createManyWithoutPassword(emails: string[], db: Db): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    return this.users.createMany(emails, await unusablePasswordHash(), db);
  }

  async exists(userId: string, db?: Db): Promise<boolean> {
    return (await this.users.findById(userId, db)) !== null;
  }

  /** The person's own profile fields; those left undefined stay. */
  updateProfile(
    userId: string,
    profile: {
      displayName?: string | null;
      avatarUrl?: string | null;
      timezone?: string;
      preferences?: Record<string, unknown>;
    },
  ): Promise<PublicUser> {
    return this.users.update(userId, {
      ...profile,
      preferences: profile.preferences as Prisma.InputJsonValue | undefined,
    });
  }

  /**
   * Changes the password of someone who proved the current one. A new password ends every
   * session of the account, in the same transaction; the caller starts a fresh one.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<PublicUser> {
    const found = await this.users.findCredentialsById(userId);
    // The token outlived its account (deleted since).
    if (!found) throw new UnauthorizedException('This account no longer exists.');
    if (!(await verifyPassword(found.password, currentPassword))) {
      throw new UnauthorizedException('The current password is not right.');
    }
    const passwordHash = await hashPassword(newPassword);
    return this.prisma.$transaction(async (tx) => {
      const user = await this.users.update(userId, { password: passwordHash }, tx);
      await this.sessions.endFor({ userIds: [userId] }, tx);
      return user;
    });
  }

  /** A new role ends every session of the account in the same transaction: tokens carry it. */
  setRole(userId: string, role: Role): Promise<PublicUser> {
    return this.prisma.$transaction(async (tx) => {
      const user = await this.users.update(userId, { role }, tx);
      await this.sessions.endFor({ userIds: [userId] }, tx);
      return user;
    });
  }

  /**
   * Erases the account, and with it (ON DELETE CASCADE, one statement, so one transaction)
   * everything that points at it; answers whether there was one.
   */
  async erase(userId: string): Promise<boolean> {
    return (await this.users.delete(userId)) === 1;
  }
}
