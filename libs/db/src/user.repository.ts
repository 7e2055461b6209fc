import { Injectable } from '@nestjs/common';
import type { Role } from './generated/prisma/enums';
import { PrismaService } from './prisma.service';

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  vendorId: string | null;
  createdAt: Date;
}

export interface UserInput {
  email: string;
  passwordHash: string;
  role: Role;
  vendorId?: string | null;
}

const select = { id: true, email: true, role: true, vendorId: true, createdAt: true } as const;

/**
 * Reads and creation of users. Changes and deletions go through AccountRepository, which keeps
 * the last-admin rule and ends sessions in the same transaction.
 */
@Injectable()
export class UserRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(input: UserInput): Promise<UserRow> {
    return this.prisma.user.create({ data: { ...input, email: input.email.toLowerCase() }, select });
  }

  /** The one read that returns a password hash: login only. */
  findCredentials(email: string): Promise<(UserRow & { passwordHash: string }) | null> {
    return this.prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { ...select, passwordHash: true } });
  }

  find(id: string): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { id }, select });
  }

  list(): Promise<UserRow[]> {
    return this.prisma.user.findMany({ select, orderBy: { email: 'asc' } });
  }
}
