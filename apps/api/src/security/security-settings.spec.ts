import { durationMs, loadConfig } from '@rapport/config';

/** The security settings of libs/config, as docs/security.md describes them. */
describe('security settings', () => {
  const base = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', KAFKA_BROKERS: '127.0.0.1:9092' };

  it('defaults to short access tokens, week-long sessions, no cross-origin and no proxy', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      ACCESS_TOKEN_TTL: '15m',
      REFRESH_TOKEN_TTL: '7d',
      CORS_ORIGINS: [],
      TRUST_PROXY: false,
      LOGIN_RATE_LIMIT: 10,
      LOGIN_IP_RATE_LIMIT: 100,
      INGEST_RATE_LIMIT: 1200,
      INGEST_FAILURE_RATE_LIMIT: 30,
    });
  });

  it('parses origins, proxies and durations', () => {
    const config = loadConfig({
      ...base,
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      TRUST_PROXY: '1',
      REFRESH_TOKEN_TTL: '12h',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(config.TRUST_PROXY).toBe(1);
    expect(durationMs(config.REFRESH_TOKEN_TTL)).toBe(12 * 3_600_000);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).TRUST_PROXY).toBe('loopback');
  });

  it('refuses malformed origins and durations', () => {
    expect(() => loadConfig({ ...base, CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ ...base, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ ...base, ACCESS_TOKEN_TTL: '1 day' })).toThrow(/ACCESS_TOKEN_TTL/);
  });
});
