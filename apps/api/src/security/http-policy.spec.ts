import { APP_CSP, DOCS_CSP, helmetOptions, originAllowed } from './http-policy';

describe('http policy', () => {
  it('allows no inline script and no foreign source in the app', () => {
    for (const sources of Object.values(APP_CSP)) {
      expect(sources.join(' ')).not.toMatch(/unsafe|\*|https?:/);
    }
    expect(APP_CSP['frame-ancestors']).toEqual(["'none'"]);
    expect(DOCS_CSP['script-src']).toEqual(["'self'"]);
  });

  it('uses only the listed directives (no helmet defaults mixed in)', () => {
    expect(helmetOptions(APP_CSP).contentSecurityPolicy).toEqual({ useDefaults: false, directives: APP_CSP });
  });

  it.each([
    [undefined, '127.0.0.1:3000', [], true],
    ['http://127.0.0.1:3000', '127.0.0.1:3000', [], true],
    ['http://evil.example', '127.0.0.1:3000', [], false],
    ['http://127.0.0.1:3001', '127.0.0.1:3000', [], false],
    ['https://console.example.com', 'api.internal:3000', ['https://console.example.com'], true],
    ['null', '127.0.0.1:3000', [], false],
    ['http://evil.example', undefined, [], false],
  ])('origin %s on host %s (allow-list %j) → %s', (origin, host, list, allowed) => {
    expect(originAllowed(origin, host, list)).toBe(allowed);
  });
});
