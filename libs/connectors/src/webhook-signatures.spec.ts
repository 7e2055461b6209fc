import { checkSignature, signFor } from './webhook-signatures';
import { TOOLS } from './connector-types';

const body = Buffer.from('{"hello":"wörld"}');

describe('webhook signatures', () => {
  it.each(TOOLS)('%s: a body signed with an active secret verifies; with another secret it does not', async (tool) => {
    const headers = await signFor(tool, 'current-secret-0123456789', body.toString('utf8'));
    expect(await checkSignature(tool, { rawBody: body, headers }, ['current-secret-0123456789'])).toEqual({ ok: true });
    expect(await checkSignature(tool, { rawBody: body, headers }, ['old-secret', 'current-secret-0123456789'])).toEqual({ ok: true });
    const refused = await checkSignature(tool, { rawBody: body, headers }, ['another-secret-0123456789']);
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it.each(TOOLS)('%s: a changed body does not verify', async (tool) => {
    const headers = await signFor(tool, 'secret-0123456789', body.toString('utf8'));
    const check = await checkSignature(tool, { rawBody: Buffer.from('{"hello":"world"}'), headers }, ['secret-0123456789']);
    expect(check.ok).toBe(false);
  });

  it.each(TOOLS)('%s: missing headers and missing secrets are named', async (tool) => {
    expect(await checkSignature(tool, { rawBody: body, headers: {} }, ['s'])).toEqual({
      ok: false,
      reason: expect.stringMatching(/^missing x-/),
    });
    const headers = await signFor(tool, 'secret-0123456789', body.toString('utf8'));
    expect(await checkSignature(tool, { rawBody: body, headers }, [])).toEqual({
      ok: false,
      reason: `no active ${tool} webhook secret is configured`,
    });
  });

  it.each(TOOLS)('%s: garbage in the signature header is refused, not thrown', async (tool) => {
    const headers = await signFor(tool, 'secret-0123456789', body.toString('utf8'));
    for (const name of Object.keys(headers)) {
      for (const garbage of ['x', 'sha256=', 'sha256=zz', '====', '\u00ff\u00fe', 'a'.repeat(600)]) {
        const check = await checkSignature(tool, { rawBody: body, headers: { ...headers, [name]: garbage } }, ['secret-0123456789']);
        expect(check.ok).toBe(false);
      }
    }
  });

  it('zendesk: the timestamp is part of what is signed', async () => {
    const at = Date.parse('2024-04-17T17:18:10Z');
    const headers = await signFor('zendesk', 'secret-0123456789', body.toString('utf8'), '2024-04-17T17:18:10Z');
    expect(await checkSignature('zendesk', { rawBody: body, headers }, ['secret-0123456789'], at)).toEqual({ ok: true });
    const moved = { ...headers, 'x-zendesk-webhook-signature-timestamp': '2024-04-17T17:18:11Z' };
    expect((await checkSignature('zendesk', { rawBody: body, headers: moved }, ['secret-0123456789'], at)).ok).toBe(false);
  });

  it('zendesk: a delivery signed more than 5 minutes before (or after) now is refused, even with a valid signature', async () => {
    const signedAt = Date.parse('2026-11-28T12:00:00Z');
    const headers = await signFor('zendesk', 'secret-0123456789', body.toString('utf8'), '2026-11-28T12:00:00Z');
    const check = (now: number) => checkSignature('zendesk', { rawBody: body, headers }, ['secret-0123456789'], now);
    expect(await check(signedAt + 5 * 60_000)).toEqual({ ok: true });
    expect(await check(signedAt - 5 * 60_000)).toEqual({ ok: true });
    expect(await check(signedAt + 5 * 60_000 + 1)).toEqual({ ok: false, reason: expect.stringMatching(/more than 5 minutes/) });
    expect(await check(signedAt - 5 * 60_000 - 1)).toEqual({ ok: false, reason: expect.stringMatching(/more than 5 minutes/) });
    const unreadable = { ...headers, 'x-zendesk-webhook-signature-timestamp': '1732795200' };
    expect(await checkSignature('zendesk', { rawBody: body, headers: unreadable }, ['secret-0123456789'], signedAt)).toEqual({
      ok: false,
      reason: expect.stringMatching(/not an ISO 8601 instant/),
    });
  });

  it('github: matches the signature GitHub documents for its example', async () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const headers = { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' };
    expect(await checkSignature('github', { rawBody: Buffer.from('Hello, World!'), headers }, ["It's a Secret to Everybody"])).toEqual({
      ok: true,
    });
  });
});
