import { Logger } from '@nestjs/common';
import { WINDOWS } from '@rapport/contracts';
import { ContractRow, HistoryMarkRepository, SnapshotRepository } from '@rapport/db';
import { EventProcessor } from '../../../apps/pipeline/src/ingest/event-processor.service';
import { HistoryRebuilder, hourFloor, staleBefore } from '../../../apps/pipeline/src/scoring/history-rebuilder.service';
import { HOUR } from '../../support/fixtures';
import { PipelineUnderTest } from '../support/databases';
import { delivered, EventBuilder } from '../support/events';

/**
 * Stale hourly history is marked in the database with the late events that made it stale, and a
 * mark goes only once a rebuild has stored its points: a new process (a restart) finds it, and a
 * failed rebuild leaves it.
 */
describe('HistoryRebuilder with persistent marks', () => {
  let pipeline: PipelineUnderTest;

  beforeAll(async () => {
    pipeline = await PipelineUnderTest.open();
  });
  afterAll(() => pipeline.close());
  // Rebuilds take every mark in the database: start with none left by other suites.
  beforeEach(() => pipeline.sql.rows(`DELETE FROM "HistoryMark"`));
  afterEach(() => jest.restoreAllMocks());

  const markOf = (contractId: string) =>
    pipeline.sql.rows<{ dirtySince: Date | null }>(`SELECT "dirtySince" FROM "HistoryMark" WHERE "contractId" = $1`, [contractId]);
  const hourlyHours = async (contractId: string) =>
    (
      await pipeline.sql.rows<{ at: Date }>(
        `SELECT DISTINCT at FROM "ScoreSnapshot" WHERE "contractId" = $1 AND kind = 'hourly' ORDER BY at`,
        [contractId],
      )
    ).map((r) => r.at.getTime());
  const hoursFrom = (from: number) => {
    const hours: number[] = [];
    for (let t = hourFloor(new Date(from)).getTime(); t <= hourFloor(new Date()).getTime(); t += HOUR) hours.push(t);
    return hours;
  };
  const late = async (contract: ContractRow, ticketId: string, openedAt: number) =>
    pipeline.get(EventProcessor).process(delivered(new EventBuilder(contract.id).ticket(ticketId, 'P2', openedAt, [['responded', 30]])));

  it('marks late events with the events, keeps the earliest, and leaves events of the current hour unmarked', async () => {
    const [contract, current] = [await pipeline.newContract(), await pipeline.newContract()];
    const now = Date.now();
    await late(contract, 'T1', now - 3 * HOUR);
    await late(contract, 'T2', now - 5 * HOUR);
    await late(contract, 'T3', now - 4 * HOUR);
    await late(current, 'T1', hourFloor(new Date(now)).getTime());

    expect(await markOf(contract.id)).toEqual([{ dirtySince: new Date(now - 5 * HOUR) }]);
    // Unless this runs in the last minutes of an hour: then the hour's end is near enough to count it as late.
    const currentHour = hourFloor(new Date(now));
    expect(await markOf(current.id)).toEqual(currentHour < staleBefore(new Date()) ? [{ dirtySince: currentHour }] : []);
  });

  it('rebuilds in a new instance (as after a restart) what an earlier one marked, then clears the mark', async () => {
    const contract = await pipeline.newContract();
    const openedAt = Date.now() - 3 * HOUR;
    await late(contract, 'T1', openedAt);

    const restarted = await PipelineUnderTest.open();
    try {
      await restarted.get(HistoryRebuilder).rebuildMarked();
    } finally {
      await restarted.close();
    }

    expect(await hourlyHours(contract.id)).toEqual(hoursFrom(openedAt));
    expect(await markOf(contract.id)).toEqual([]);
  });

  it('keeps the mark when the rebuild could not be stored', async () => {
    const contract = await pipeline.newContract();
    const openedAt = Date.now() - 3 * HOUR;
    await late(contract, 'T1', openedAt);
    jest.spyOn(pipeline.get(SnapshotRepository), 'replaceHourly').mockRejectedValue(new Error('database gone'));

    await pipeline.get(HistoryRebuilder).rebuildMarked();

    expect(await hourlyHours(contract.id)).toEqual([]);
    expect(await markOf(contract.id)).toEqual([{ dirtySince: new Date(openedAt) }]);
  });

  it('stops a rebuild whose claim another worker took over, and leaves that worker’s claim alone', async () => {
    const contract = await pipeline.newContract();
    const openedAt = Date.now() - 50 * HOUR; // three days of points: the takeover happens after the first
    await late(contract, 'T1', openedAt);
    const snapshots = pipeline.get(SnapshotRepository);
    const replaceHourly = snapshots.replaceHourly.bind(snapshots);
    let successor: string | undefined;
    jest.spyOn(snapshots, 'replaceHourly').mockImplementation(async (...args) => {
      // This worker stalled past its lease: another one claims the mark before the first day is stored.
      await pipeline.sql.rows(`UPDATE "HistoryMark" SET "claimedUntil" = '2000-01-01' WHERE "contractId" = $1`, [contract.id]);
      successor ??= (await pipeline.get(HistoryMarkRepository).claim(60_000))?.claim;
      return replaceHourly(...args);
    });

    await pipeline.get(HistoryRebuilder).rebuildMarked();

    expect(await hourlyHours(contract.id)).toEqual(hoursFrom(openedAt).slice(0, 24)); // the first day, then it stopped
    expect(successor).toEqual(expect.any(String));
    const [mark] = await pipeline.sql.rows<{ claimedBy: string; rebuildingSince: Date }>(
      `SELECT "claimedBy", "rebuildingSince" FROM "HistoryMark" WHERE "contractId" = $1`,
      [contract.id],
    );
    expect(mark).toEqual({ claimedBy: successor, rebuildingSince: new Date(openedAt) });
  });

  it('rebuilds again from a mark moved earlier while a rebuild ran', async () => {
    const contract = await pipeline.newContract();
    const now = Date.now();
    await late(contract, 'T1', now - 3 * HOUR);
    const snapshots = pipeline.get(SnapshotRepository);
    const replaceHourly = snapshots.replaceHourly.bind(snapshots);
    let earlierEventSent = false;
    jest.spyOn(snapshots, 'replaceHourly').mockImplementation(async (...args) => {
      if (!earlierEventSent) {
        earlierEventSent = true;
        await late(contract, 'T0', now - 6 * HOUR);
      }
      return replaceHourly(...args);
    });

    await pipeline.get(HistoryRebuilder).rebuildMarked();

    expect(await hourlyHours(contract.id)).toEqual(hoursFrom(now - 6 * HOUR));
    expect(await markOf(contract.id)).toEqual([]);
  });

  it('runs one rebuild at a time in a process', async () => {
    const contract = await pipeline.newContract();
    await late(contract, 'T1', Date.now() - 3 * HOUR);
    const history = pipeline.get(HistoryRebuilder);

    const [first, second] = await Promise.all([history.rebuildMarked(), history.rebuildMarked()]);

    expect(second).toBe(0);
    expect(first).toBe((await hourlyHours(contract.id)).length * Object.keys(WINDOWS).length);
  });

  it('lets a rebuild in progress stop at a day boundary before the process closes, its mark kept for the next start', async () => {
    const contract = await pipeline.newContract();
    const openedAt = Date.now() - 50 * HOUR; // three days of points
    await late(contract, 'T1', openedAt);
    const instance = await PipelineUnderTest.open();
    const snapshots = instance.get(SnapshotRepository);
    const replaceHourly = snapshots.replaceHourly.bind(snapshots);
    let closing: Promise<void> | undefined;
    jest.spyOn(snapshots, 'replaceHourly').mockImplementation(async (...args) => {
      closing ??= instance.close(); // the process is asked to stop while the first day is being stored
      return replaceHourly(...args);
    });
    const errors = jest.spyOn(Logger.prototype, 'error');

    const written = await instance.get(HistoryRebuilder).rebuildMarked();
    await closing;

    expect(errors).not.toHaveBeenCalled();
    expect(written).toBe(24 * Object.keys(WINDOWS).length); // the first day, then it stopped
    expect(await hourlyHours(contract.id)).toEqual(hoursFrom(openedAt).slice(0, 24));
    const [mark] = await pipeline.sql.rows<{ claimedBy: string | null; rebuildingSince: Date | null; dirtySince: Date | null }>(
      `SELECT "claimedBy", "rebuildingSince", "dirtySince" FROM "HistoryMark" WHERE "contractId" = $1`,
      [contract.id],
    );
    expect(mark).toEqual({ claimedBy: null, rebuildingSince: null, dirtySince: new Date(hoursFrom(openedAt)[24]) });
  });
});
