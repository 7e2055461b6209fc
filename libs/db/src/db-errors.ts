import { Prisma } from './generated/prisma/client';

export type DbErrorKind = 'duplicate' | 'still_referenced' | 'missing_reference';

/** Classifies the database errors that callers can explain to a user; null for faults. */
export function dbErrorKind(error: unknown): DbErrorKind | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  switch (error.code) {
    case 'P2002':
      return 'duplicate';
    case 'P2003':
    case 'P2014':
      return error.message.includes('delete') ? 'still_referenced' : 'missing_reference';
    case 'P2025':
      return 'missing_reference';
    default:
      return null;
  }
}
