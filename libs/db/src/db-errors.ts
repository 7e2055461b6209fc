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

const CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/**
 * SQLSTATE classes and codes of a lost or refused connection (08: connection exception; 57P0x:
 * shutdown; 53300: too many connections), and of a statement cancelled by its timeout (57014) or
 * by a lock it could not get (55P03): waits behind other work (e.g. a replay holding the
 * contracts' projection versions), not the data's fault.
 */
const CONNECTION_SQLSTATE = /^(08...|57P0[1-4]|53300|57014|55P03)$/;
const CONNECTION_MESSAGE =
  /connection terminated|terminating connection|ECONNREFUSED|ECONNRESET|server has closed the connection|Connection closed|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Transaction not found|expired transaction|Unable to start a transaction in the given time/i;

/**
 * Is this the database being out of reach or overloaded (a lost connection, a transaction that
 * timed out), as opposed to a statement it refused? Such a failure says nothing about the data
 * at hand: the work is retried later, never dead-lettered.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || CONNECTION_SQLSTATE.test(e.code))) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
  }
  return false;
}
