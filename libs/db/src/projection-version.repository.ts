import { Injectable } from '@nestjs/common';
import { SqlDatabase, SqlRunner } from './sql';

/**
 * Moves on the projection versions of the contracts that `contractIds` (a query of one uuid
 * column) selects, taking their rows' locks in id order so that two such transactions never
 * deadlock; returns ("contractId", version) per contract.
 */
export const moveVersions = (contractIds: string): string => `INSERT INTO "ProjectionVersion" ("contractId", version)
  SELECT id, 1 FROM (${contractIds}) AS c(id) ORDER BY id
  ON CONFLICT ("contractId") DO UPDATE SET version = "ProjectionVersion".version + 1
  RETURNING "contractId", version`;

/** The rows `moveVersions` returns, as a map. */
export const versionMap = (rows: { contractId: string; version: string | number }[]): Map<string, number> =>
  new Map(rows.map((r) => [r.contractId, Number(r.version)]));

/** Which version of each contract's projections the database holds (see ProjectionVersion in the schema). */
@Injectable()
export class ProjectionVersionRepository {
  constructor(private readonly sql: SqlDatabase) {}

  /**
   * Inside the transaction that changes these contracts' projections: their new versions. The
   * rows stay locked until it ends, taken in id order so that two such transactions never deadlock.
   */
  async bump(contractIds: string[], tx: SqlRunner): Promise<Map<string, number>> {
    if (!contractIds.length) return new Map();
    return versionMap(await tx.rows(moveVersions('SELECT DISTINCT unnest($1::uuid[])'), [contractIds]));
  }

  /** The versions the database holds now; 0 for a contract whose projections never changed. */
  async current(contractIds: string[], runner: SqlRunner = this.sql): Promise<Map<string, number>> {
    const rows = await runner.rows<{ contractId: string; version: string }>(
      `SELECT "contractId", version FROM "ProjectionVersion" WHERE "contractId" = ANY($1::uuid[])`,
      [contractIds],
    );
    const versions = new Map(contractIds.map((id) => [id, 0]));
    for (const r of rows) versions.set(r.contractId, Number(r.version));
    return versions;
  }
}
