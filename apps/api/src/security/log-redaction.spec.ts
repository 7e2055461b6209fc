import { SIGNATURE_HEADERS, TOOLS } from '@rapport/connectors';
import { LOG_REDACT_PATHS, REDACTED_HEADERS } from '@rapport/config';
import pino from 'pino';
import { Writable } from 'node:stream';

/** What the API's request logger writes for a request with these headers, through pino's own redaction. */
function logged(headers: Record<string, string>): string {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  pino({ redact: LOG_REDACT_PATHS }, sink).warn({ req: { method: 'POST', url: '/api/v1/webhooks/jira', headers } }, 'request failed');
  return out;
}

describe('log redaction', () => {
  it("masks every tool's signature header, bearer tokens and cookies", () => {
    for (const tool of TOOLS) {
      const signature = SIGNATURE_HEADERS[tool][0];
      expect(REDACTED_HEADERS).toContain(signature);
    }
    const secrets: Record<string, string> = {
      authorization: 'Bearer rpt_ing_secret-value-1',
      cookie: 'sid=secret-value-2',
      'x-hub-signature': 'sha256=secret-value-3',
      'x-hub-signature-256': 'sha256=secret-value-4',
      'x-zendesk-webhook-signature': 'secret-value-5',
      'x-rapport-signature': 'secret-value-6',
    };
    const line = logged({ ...secrets, 'content-type': 'application/json' });
    expect(line).not.toMatch(/secret-value/);
    expect(JSON.parse(line).req.headers).toMatchObject({ 'x-zendesk-webhook-signature': '[Redacted]', 'content-type': 'application/json' });
  });
});
