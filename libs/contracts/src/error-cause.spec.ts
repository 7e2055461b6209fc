import { errorCause } from './error-cause';

describe('errorCause', () => {
  it('takes the last line of a message that spans the call site', () => {
    const prisma = new Error(
      "\nInvalid `this.prisma.contract.findMany()` invocation in\n/app/dist/contract.repository.js:58:45\n\n  55 |\n→ 58 |   findMany(\nCan't reach database server at 127.0.0.1:5432\n",
    );
    expect(errorCause(prisma)).toBe("Can't reach database server at 127.0.0.1:5432");
  });

  it('reads what is not an Error, and bounds the length', () => {
    expect(errorCause('broker gone')).toBe('broker gone');
    expect(errorCause(new Error(''))).toBe('unknown error');
    expect(errorCause(new Error('x'.repeat(600)))).toHaveLength(500);
  });
});
