import { NotFoundException } from '@nestjs/common';

/** The same 404 for "absent" and "not yours", so ids of other tenants leak nothing. */
export function found<T>(value: T | null): T {
  if (value === null) throw new NotFoundException('not found');
  return value;
}
