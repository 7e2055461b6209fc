import { ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process (smtp-server), requiring a password, that parses what
 * it accepts with mailparser. `refuse(address, codes)` makes the next RCPT TO for that address
 * fail with those reply codes, one per attempt (451: try later, 550: never).
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  private readonly refusals = new Map<string, number[]>();
  private readonly server: SMTPServer;

  private constructor(
    private readonly user: string,
    private readonly password: string,
  ) {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 1000,
      onAuth: (auth, _session, done) =>
        auth.username === this.user && auth.password === this.password
          ? done(null, { user: auth.username })
          : done(new Error('bad credentials')),
      onRcptTo: (address: SMTPServerAddress, _session, done) => {
        const code = this.refusals.get(address.address.toLowerCase())?.shift();
        if (!code) return done();
        done(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
      },
      onData: (stream, session, done) => {
        simpleParser(stream, { keepCidLinks: true })
          .then((parsed) => {
            for (const rcpt of session.envelope.rcptTo) this.mails.push({ to: rcpt.address.toLowerCase(), parsed });
            done();
          })
          .catch(done);
      },
    });
  }

  static async start(user = 'rapport', password = 'smtp-test-password'): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(user, password);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://${this.user}:${this.password}@127.0.0.1:${port}`;
  }

  refuse(address: string, codes: number[]): void {
    this.refusals.set(address.toLowerCase(), codes);
  }

  to(address: string, subjectPart: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to === address.toLowerCase() && (m.parsed.subject ?? '').includes(subjectPart));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
