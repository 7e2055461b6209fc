import { BadRequestException } from '@nestjs/common';
import { ZodValidationPipe } from '../shared/zod-validation.pipe';
import { evaluatedAt, evaluationSchema } from './scorecard-queries';

describe('scorecard query parameters', () => {
  const pipe = new ZodValidationPipe(evaluationSchema);
  const rejection = (at: string): unknown => {
    try {
      pipe.transform({ at });
    } catch (e) {
      return e;
    }
    throw new Error(`${at} was accepted`);
  };

  it('answers an instant outside 1970–2200 with a 400 naming `at`', () => {
    for (const at of ['0001-01-01T00:00:00Z', '2200-01-01T00:00:00Z', '1969-12-31T23:59:59Z']) {
      const thrown = rejection(at);
      expect(thrown).toBeInstanceOf(BadRequestException);
      expect((thrown as BadRequestException).getStatus()).toBe(400);
      expect((thrown as BadRequestException).getResponse()).toEqual({
        message: 'invalid input',
        errors: ['at: must lie between 1970-01-01 and 2200-01-01'],
      });
    }
  });

  it('evaluates at the instant asked for, within the range, or now', () => {
    expect(evaluatedAt(pipe.transform({ at: '1970-01-01T00:00:00Z' }))).toEqual(new Date(0));
    expect(pipe.transform({ window: '7d', at: '2026-03-01T12:00:00+01:00' })).toEqual({
      window: '7d',
      at: new Date('2026-03-01T11:00:00Z'),
    });
    const before = Date.now();
    const now = evaluatedAt(pipe.transform({})).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
