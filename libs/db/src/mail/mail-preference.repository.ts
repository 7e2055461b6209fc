import { Injectable } from '@nestjs/common';
import type { Role } from '../generated/prisma/enums';
import { PrismaService } from '../prisma.service';

export interface MailPreferenceRow {
  digest: boolean;
  alerts: boolean;
  timeZone: string | null;
}

/** A user who may get mail, with their choices (defaults when they never chose). */
export interface MailRecipient extends MailPreferenceRow {
  userId: string;
  email: string;
  role: Role;
  vendorId: string | null;
}

export const DEFAULT_PREFERENCE: MailPreferenceRow = { digest: true, alerts: true, timeZone: null };

const select = { id: true, email: true, role: true, vendorId: true, mailPreference: true } as const;

const toRecipient = (u: {
  id: string;
  email: string;
  role: Role;
  vendorId: string | null;
  mailPreference: MailPreferenceRow | null;
}): MailRecipient => {
  const p = u.mailPreference ?? DEFAULT_PREFERENCE;
  return { userId: u.id, email: u.email, role: u.role, vendorId: u.vendorId, digest: p.digest, alerts: p.alerts, timeZone: p.timeZone };
};

@Injectable()
export class MailPreferenceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(userId: string): Promise<MailPreferenceRow> {
    const row = await this.prisma.mailPreference.findUnique({ where: { userId } });
    return row ? { digest: row.digest, alerts: row.alerts, timeZone: row.timeZone } : DEFAULT_PREFERENCE;
  }

  async update(userId: string, change: Partial<MailPreferenceRow>): Promise<MailPreferenceRow> {
    const row = await this.prisma.mailPreference.upsert({ where: { userId }, create: { userId, ...change }, update: change });
    return { digest: row.digest, alerts: row.alerts, timeZone: row.timeZone };
  }

  /** Everyone with the digest on. */
  async digestRecipients(): Promise<MailRecipient[]> {
    const users = await this.prisma.user.findMany({
      where: { OR: [{ mailPreference: null }, { mailPreference: { digest: true } }] },
      select,
    });
    return users.map(toRecipient);
  }

  /** One user, whatever their choices (a previewed or re-planned mail). */
  async recipient(userId: string): Promise<MailRecipient | null> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select });
    return user && toRecipient(user);
  }

  /** Client staff with alert mails on: managers, and the contract's owner when a user has that address. */
  async alertRecipients(ownerEmail: string | null): Promise<MailRecipient[]> {
    const who = [
      { role: 'manager' as const },
      ...(ownerEmail ? [{ email: ownerEmail.toLowerCase(), role: { not: 'vendor' as const } }] : []),
    ];
    const users = await this.prisma.user.findMany({
      where: { OR: who, AND: { OR: [{ mailPreference: null }, { mailPreference: { alerts: true } }] } },
      select,
    });
    return users.map(toRecipient);
  }
}
