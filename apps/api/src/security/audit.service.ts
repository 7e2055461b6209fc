import { Injectable } from '@nestjs/common';
import { storableCopy } from '@rapport/contracts';
import { AuditEntry, AuditLogRepository, UserRepository } from '@rapport/db';
import { redact } from './redact';

const storable = (text: string | null | undefined): string | null => (text == null ? null : (storableCopy(text) as string));

/**
 * Writes the audit trail. Details are redacted here, whoever builds them, and every text is
 * made storable: route ids and bodies are the client's, and PostgreSQL refuses NUL characters.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly users: UserRepository,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.log.record({
      ...entry,
      action: storable(entry.action.slice(0, 500))!,
      target: storable(entry.target?.slice(0, 500)),
      ip: storable(entry.ip),
      actorEmail: storable(entry.actorEmail?.slice(0, 320)),
      details: storableCopy(redact(entry.details ?? {})) as Record<string, unknown>,
    });
  }

  /** Records an action of a signed-in user, naming them by e-mail too (ids alone are hard to read later). */
  async recordBy(actorId: string, entry: Omit<AuditEntry, 'actorId' | 'actorEmail'>): Promise<void> {
    const actor = await this.users.find(actorId);
    await this.record({ ...entry, actorId, actorEmail: actor?.email ?? null });
  }
}
