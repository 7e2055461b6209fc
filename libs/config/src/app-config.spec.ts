import { ConfigError, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };

describe('loadConfig', () => {
  it('applies defaults and splits the broker list', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.AUTH_SECRET).toHaveLength(64);
  });

  it('defaults the broker list to the local broker of npm start', () => {
    expect(loadConfig({ DATABASE_URL: base.DATABASE_URL }).KAFKA_BROKERS).toEqual(['127.0.0.1:19092']);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ ...base, PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it('refuses a short ingest token', () => {
    expect(() => loadConfig({ ...base, INGEST_TOKEN: 'short' })).toThrow(/INGEST_TOKEN/);
  });
});
