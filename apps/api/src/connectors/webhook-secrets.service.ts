import { Injectable, Logger } from '@nestjs/common';
import type { Tool } from '@rapport/connectors';
import { ConnectorSecretRepository, ConnectorSecretRow } from '@rapport/db';
import { randomBytes } from 'node:crypto';
import { found } from '../shared/found';
import { SecretBox } from './secret-box';

export interface CreatedSecret extends ConnectorSecretRow {
  /** The secret itself: shown once, at creation, and never again. */
  secret: string;
}

/** Webhook secrets per tool: several may be active, so rotation is add-new, switch, revoke-old. */
@Injectable()
export class WebhookSecretsService {
  private readonly logger = new Logger(WebhookSecretsService.name);

  constructor(
    private readonly secrets: ConnectorSecretRepository,
    private readonly box: SecretBox,
  ) {}

  /** Stores a secret the tool generated (Zendesk does), or generates one to paste into the tool. */
  async create(tool: Tool, label: string, given?: string): Promise<CreatedSecret> {
    const secret = given ?? randomBytes(32).toString('base64url');
    const row = await this.secrets.create({ tool, label, ciphertext: this.box.seal(secret) });
    return { ...row, secret };
  }

  /** Every secret of a tool (or of all tools), without its value. */
  list(tool?: Tool): Promise<ConnectorSecretRow[]> {
    return this.secrets.list(tool);
  }

  /** Requests signed only with this secret are refused from now on; the row stays for the record. */
  async revoke(id: string): Promise<ConnectorSecretRow> {
    return found(await this.secrets.revoke(id));
  }

  /** The plaintexts of a tool's active secrets; unreadable ones (another AUTH_SECRET) are skipped. */
  async active(tool: Tool): Promise<string[]> {
    const sealed = await this.secrets.activeCiphertexts(tool);
    const opened = sealed.map((s) => this.box.open(s)).filter((s): s is string => s !== null);
    if (opened.length < sealed.length)
      this.logger.warn(`${sealed.length - opened.length} ${tool} secret(s) cannot be decrypted with this AUTH_SECRET`);
    return opened;
  }
}
