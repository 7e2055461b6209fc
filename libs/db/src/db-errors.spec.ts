import { isDatabaseUnavailable } from './db-errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator terminating the connection (SQLSTATE 57P01)', { message: 'x', cause: { code: '57P01' } }],
    ['a connection exception class (SQLSTATE 08006)', { message: 'x', cause: { cause: { code: '08006' } } }],
    [
      'a statement cancelled by its timeout, e.g. waiting on a lock (SQLSTATE 57014)',
      { message: 'canceling statement due to statement timeout', code: '57014' },
    ],
    ['a lock not available (SQLSTATE 55P03)', { message: 'could not obtain lock', code: '55P03' }],
    ['Prisma: server closed the connection (P1017)', { code: 'P1017', message: 'Server has closed the connection.' }],
    ['a transaction gone with its connection', new Error('Transaction API error: Transaction not found. Transaction ID is invalid')],
    [
      'a transaction that timed out under load',
      new Error('A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms'),
    ],
  ])('says yes for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: 'P2002', message: 'Unique constraint failed' }],
    ['a value out of range', new Error('Could not convert value "+010000-01-01T00:29:59.000Z"')],
    ['a trigger refusing a row', { message: 'poisoned feedback POISON-1', cause: { code: 'P0001' } }],
    ['nothing', undefined],
  ])('says no for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
