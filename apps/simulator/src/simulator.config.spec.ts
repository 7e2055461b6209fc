import { describeConfig, loadSimulatorConfig, SimulatorConfigError } from './simulator.config';

const required = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'secret-password', INGEST_TOKEN: 'ingest-token-1234567890' };

describe('loadSimulatorConfig', () => {
  it('applies the defaults', () => {
    expect(loadSimulatorConfig(required)).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      adminEmail: 'admin@example.com',
      adminPassword: 'secret-password',
      ingestToken: 'ingest-token-1234567890',
      speed: 30,
      seed: 42,
      backfillDays: 30,
    });
  });

  it('reads and coerces every setting, trimming a trailing slash and treating blanks as unset', () => {
    const config = loadSimulatorConfig({
      ...required,
      API_URL: 'https://rapport.example.com/',
      SIMULATOR_SPEED: '2.5',
      SIMULATOR_SEED: '7',
      SIMULATOR_BACKFILL_DAYS: '',
    });
    expect(config).toMatchObject({ apiUrl: 'https://rapport.example.com', speed: 2.5, seed: 7, backfillDays: 30 });
    expect(loadSimulatorConfig({ ...required, SIMULATOR_BACKFILL_DAYS: '0' }).backfillDays).toBe(0);
  });

  it.each([
    ['ADMIN_PASSWORD missing', { ...required, ADMIN_PASSWORD: undefined }, 'ADMIN_PASSWORD'],
    ['INGEST_TOKEN missing', { ...required, INGEST_TOKEN: '  ' }, 'INGEST_TOKEN'],
    ['ADMIN_EMAIL invalid', { ...required, ADMIN_EMAIL: 'nope' }, 'ADMIN_EMAIL'],
    ['API_URL not http', { ...required, API_URL: 'ftp://x' }, 'API_URL'],
    ['speed not positive', { ...required, SIMULATOR_SPEED: '0' }, 'SIMULATOR_SPEED'],
    ['speed not a number', { ...required, SIMULATOR_SPEED: 'fast' }, 'SIMULATOR_SPEED'],
    ['seed fractional', { ...required, SIMULATOR_SEED: '1.5' }, 'SIMULATOR_SEED'],
    ['backfill negative', { ...required, SIMULATOR_BACKFILL_DAYS: '-1' }, 'SIMULATOR_BACKFILL_DAYS'],
  ])('rejects %s, naming the variable', (_, env, variable) => {
    expect(() => loadSimulatorConfig(env)).toThrow(SimulatorConfigError);
    expect(() => loadSimulatorConfig(env)).toThrow(variable);
  });

  it('masks secrets when described', () => {
    const text = describeConfig(loadSimulatorConfig(required));
    expect(text).not.toContain('secret-password');
    expect(text).not.toContain('ingest-token-1234567890');
    expect(text).toContain('speed=30');
  });
});
