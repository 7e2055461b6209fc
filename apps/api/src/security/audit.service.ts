import { Injectable } from '@nestjs/common';
import { AuditEntry, AuditLogRepository, UserRepository } from '@rapport/db';
import { redact } from './redact';

/** Writes the audit trail. Details are redacted here, whoever builds them. */
@Injectable()
export class AuditService {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly users: UserRepository,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.log.record({
      ...entry,
      actorEmail: entry.actorEmail?.slice(0, 320) ?? null,
      details: redact(entry.details ?? {}) as Record<string, unknown>,
    });
  }

  /** Records an action of a signed-in user, naming them by e-mail too (ids alone are hard to read later). */
  async recordBy(actorId: string, entry: Omit<AuditEntry, 'actorId' | 'actorEmail'>): Promise<void> {
    const actor = await this.users.find(actorId);
    await this.record({ ...entry, actorId, actorEmail: actor?.email ?? null });
  }
}
