import { Injectable } from '@nestjs/common';
import type { AlertView } from '@rapport/contracts';
import { AlertHistoryQuery, AlertHistoryRepository, AlertRecord, AlertRepository, Scope, UserRepository } from '@rapport/db';
import { Principal, scopeOf } from '../access/principal';
import { AuditService } from '../security/audit.service';
import { found } from '../shared/found';

/** Raised alerts and their history within the caller's scope, and their audited acknowledgement. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly raised: AlertRepository,
    private readonly alerts: AlertHistoryRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  list(scope: Scope): Promise<AlertView[]> {
    return this.raised.list(scope);
  }

  history(scope: Scope, q: AlertHistoryQuery): Promise<AlertRecord[]> {
    return this.alerts.list(scope, q);
  }

  /**
   * Acknowledges an alert in `who`'s scope (404 outside it) in their name. The first
   * acknowledgement stands: repeating it answers the alert as it is and records nothing.
   */
  async acknowledge(who: Principal, id: string, note: string | undefined, ip: string | null): Promise<AlertRecord> {
    const email = (await this.users.find(who.userId))?.email ?? who.userId;
    const result = found(await this.alerts.acknowledge(scopeOf(who), id, email, new Date()));
    if (result.changed) {
      await this.audit.recordBy(who.userId, {
        action: 'alert.acknowledge',
        target: id,
        ip,
        details: {
          contractId: result.alert.contractId,
          kind: result.alert.kind,
          severity: result.alert.severity,
          ...(note ? { note } : {}),
        },
      });
    }
    return result.alert;
  }
}
