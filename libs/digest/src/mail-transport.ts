import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; cid: string; contentType: string }[];
  headers?: Record<string, string>;
}

/** A refusal the server will repeat (5xx): retrying cannot help. */
export const isPermanent = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * The one place mail leaves the process: SMTP (SMTP_URL, smtp:// or smtps://, credentials in the
 * URL) or, without it, an .eml file per mail in OUTBOX_DIR built by nodemailer's stream transport.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  private readonly outbox: string | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.outbox = config.SMTP_URL ? null : resolve(config.OUTBOX_DIR);
    this.transporter = config.SMTP_URL
      ? createTransport(config.SMTP_URL)
      : createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  /** Sends one mail; resolves with its Message-ID once the server (or the outbox) accepted it. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = (await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...mail })) as { messageId: string; message?: Buffer };
    if (this.outbox && info.message) {
      await mkdir(this.outbox, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.to.replace(/[^\w.@-]/g, '_')}.eml`;
      await writeFile(join(this.outbox, name), info.message);
      this.logger.log(`mail to ${mail.to} written to ${join(this.outbox, name)}`);
    }
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
