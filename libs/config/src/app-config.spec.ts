import { ConfigError, kafkaBrokers, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };

describe('loadConfig', () => {
  it('applies defaults and splits the broker list', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.AUTH_SECRET).toHaveLength(64);
  });

  it('needs no broker list in processes that never reach Kafka', () => {
    expect(loadConfig({ DATABASE_URL: base.DATABASE_URL }).KAFKA_BROKERS).toEqual([]);
  });

  it('gives the brokers to a process that talks to Kafka, and refuses to start one without them', () => {
    expect(kafkaBrokers(loadConfig(base))).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(() => kafkaBrokers(loadConfig({ DATABASE_URL: base.DATABASE_URL }))).toThrow(ConfigError);
    expect(() => kafkaBrokers(loadConfig({ DATABASE_URL: base.DATABASE_URL, KAFKA_BROKERS: ' , ' }))).toThrow(/KAFKA_BROKERS: required/);
  });

  it('refuses a broker without a port', () => {
    expect(() => loadConfig({ ...base, KAFKA_BROKERS: 'broker.local' })).toThrow(/KAFKA_BROKERS[\s\S]*host:port/);
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
