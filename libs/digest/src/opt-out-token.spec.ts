import { optOutToken, readOptOutToken } from './opt-out-token';

const SECRET = 'a'.repeat(32);
const USER = '6f1c2d8e-0000-4000-8000-000000000001';

describe('opt-out tokens', () => {
  it('reads back what it signed', () => {
    expect(readOptOutToken(SECRET, optOutToken(SECRET, 'digest', USER))).toEqual({ kind: 'digest', userId: USER });
    expect(readOptOutToken(SECRET, optOutToken(SECRET, 'alerts', USER))).toEqual({ kind: 'alerts', userId: USER });
  });

  it('refuses another secret, another user, another kind and garbage', () => {
    const token = optOutToken(SECRET, 'digest', USER);
    const [, , signature] = token.split('.');
    expect(readOptOutToken('b'.repeat(32), token)).toBeNull();
    expect(readOptOutToken(SECRET, `digest.${USER.replace('1', '2')}.${signature}`)).toBeNull();
    expect(readOptOutToken(SECRET, `alerts.${USER}.${signature}`)).toBeNull();
    expect(readOptOutToken(SECRET, `${token}.x`)).toBeNull();
    expect(readOptOutToken(SECRET, '')).toBeNull();
    expect(readOptOutToken(SECRET, `digest.${USER}.`)).toBeNull();
  });
});
