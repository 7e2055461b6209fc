import type { CanonicalEvent, ScorecardView } from '@rapport/contracts';
import { LIVE_WINDOW, WINDOW_NAMES } from '@rapport/contracts';
import { ContractRow, ProjectionRepository, ProjectionVersionRepository, SqlDatabase } from '@rapport/db';
import { ContractFacts, ScorecardService } from '@rapport/scoring';
import type { ScoringFacts } from '../../../apps/pipeline/src/scoring/live-facts';
import { ProjectionService } from '../../../apps/pipeline/src/projection/projection.service';
import { LiveFacts } from '../../../apps/pipeline/src/scoring/live-facts';
import { HOUR } from '../../support/fixtures';
import { PipelineUnderTest } from '../support/databases';
import { EventBuilder } from '../support/events';

const DAY = 24 * HOUR;

describe('LiveFacts', () => {
  let pipeline: PipelineUnderTest;
  let projection: ProjectionService;
  let scorecards: ScorecardService;
  let repository: ProjectionRepository;
  const fresh = () => new LiveFacts(pipeline.get(SqlDatabase), repository, pipeline.get(ProjectionVersionRepository));

  beforeAll(async () => {
    pipeline = await PipelineUnderTest.open();
    projection = pipeline.get(ProjectionService);
    scorecards = pipeline.get(ScorecardService);
    repository = pipeline.get(ProjectionRepository);
  });
  afterAll(() => pipeline.close());

  const store = (contract: ContractRow, events: CanonicalEvent[]) => projection.apply(new Map([[contract.id, contract]]), events);
  const ids = (facts: ContractFacts) => ({
    tickets: facts.tickets.map((t) => t.ticketId).sort(),
    deliverables: facts.deliverables.map((d) => d.deliverableId).sort(),
    feedback: facts.feedback.map((f) => f.feedbackId).sort(),
  });
  const withoutTime = ({ updatedAt: _, ...view }: ScorecardView) => view;
  /** Every window's scorecard, from the kept ticket KPIs where the facts have them. */
  const numbers = (contract: ContractRow, facts: ContractFacts | ScoringFacts, at: Date) =>
    WINDOW_NAMES.map((w) =>
      withoutTime(scorecards.evaluate(contract, facts, w, at, 'ticketKpis' in facts ? facts.ticketKpis[w] : undefined)),
    );

  it('holds the rows the scoring reads select, edge cases included, and scores the same from them', async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const now = Date.now();
    const at = new Date(now);
    const history = [
      // In: opened two days ago.
      ...events.ticket('IN', 'P2', now - 2 * DAY, [['responded', 30]]),
      // Out: never opened (no priority), long resolved, opened after `at`.
      events.event('ticket.responded', now - DAY, { ticketId: 'UNOPENED' }),
      ...events.ticket('OLD', 'P3', now - 200 * DAY, [
        ['responded', 10],
        ['resolved', 20],
      ]),
      ...events.ticket('LATER', 'P1', now + 6 * HOUR),
      // In: reviewed 10 days ago though due and submitted long before. Out: due after `at`, nothing else yet.
      ...events.deliverable('REVIEWED', now - 150 * DAY, now - 100 * DAY, now - 100 * DAY, [['accepted', now - 10 * DAY]]),
      events.event('deliverable.planned', now - DAY, { deliverableId: 'NOT-DUE', dueAt: new Date(now + 5 * DAY).toISOString() }),
      // In: a day old. Out: older than the longest window, and after `at`.
      events.feedback('RECENT', now - DAY, 4, 9),
      events.feedback('ANCIENT', now - 100 * DAY, 1, 0),
      events.feedback('LATER', now + 6 * HOUR, 1, 0),
    ];

    const following = fresh();
    await following.of([contract], { at }); // an entry before the events, kept up to date by what was saved
    following.record((await store(contract, history)).saved);
    const read = (await scorecards.factsOfMany([contract], at, at)).get(contract.id)!;
    const followed = (await following.of([contract], { at })).get(contract.id)!;
    const loaded = (await fresh().of([contract], { at })).get(contract.id)!;

    expect(ids(read)).toEqual({ tickets: ['IN'], deliverables: ['REVIEWED'], feedback: ['RECENT'] });
    // The tickets are kept as every window's KPIs, not as rows.
    for (const facts of [followed, loaded]) {
      expect(ids(facts)).toEqual({ ...ids(read), tickets: [] });
      expect(Object.keys(facts.ticketKpis).sort()).toEqual([...WINDOW_NAMES].sort());
    }
    expect(numbers(contract, followed, at)).toEqual(numbers(contract, read, at));
    expect(numbers(contract, loaded, at)).toEqual(numbers(contract, read, at));
  });

  it("follows its own transactions without reading again, and reads again after anyone else's", async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const rating = (id: string) => events.feedback(id, Date.now() - HOUR, 5, 10);
    const facts = fresh();
    const reads = jest.spyOn(repository, 'feedbackFor');
    const feedbackNow = async () => ids((await facts.of([contract])).get(contract.id)!).feedback;

    facts.record((await store(contract, [rating('F1')])).saved);
    expect(await feedbackNow()).toEqual(['F1']);
    expect(reads).toHaveBeenCalledTimes(1);

    // Its own transaction: the entry moves one version on, no read.
    facts.record((await store(contract, [rating('F2')])).saved);
    expect(await feedbackNow()).toEqual(['F1', 'F2']);
    expect(reads).toHaveBeenCalledTimes(1);

    // Another worker's transaction (not recorded here): the version moved, so it reads again.
    await store(contract, [rating('F3')]);
    expect(await feedbackNow()).toEqual(['F1', 'F2', 'F3']);
    expect(reads).toHaveBeenCalledTimes(2);

    // Its own transaction after someone else's: a version skipped, so the entry is dropped and read again.
    await store(contract, [rating('F4')]);
    facts.record((await store(contract, [rating('F5')])).saved);
    expect(await feedbackNow()).toEqual(['F1', 'F2', 'F3', 'F4', 'F5']);
    expect(reads).toHaveBeenCalledTimes(3);
    reads.mockRestore();
  });

  it('waits for a store of its own that committed but is not recorded yet, rather than reading the contract again', async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const rating = (id: string) => events.feedback(id, Date.now() - HOUR, 5, 10);
    const facts = fresh();
    const reads = jest.spyOn(repository, 'feedbackFor');
    const versions = pipeline.get(ProjectionVersionRepository);
    const feedbackNow = async () => ids((await facts.of([contract])).get(contract.id)!).feedback;
    await facts.recordWhenCommitted(store(contract, [rating('F1')]));
    expect(await feedbackNow()).toEqual(['F1']);
    expect(reads).toHaveBeenCalledTimes(1);

    // F2 is committed; its store hands it over only once the pass has read the version F2 made.
    const committed = await store(contract, [rating('F2')]);
    let handOver!: () => void;
    const recorded = facts.recordWhenCommitted(new Promise<void>((resolve) => (handOver = resolve)).then(() => committed));
    const read = versions.current.bind(versions);
    const versionsRead = jest.spyOn(versions, 'current').mockImplementationOnce(async (...args) => {
      const current = await read(...args);
      setImmediate(handOver);
      return current;
    });
    expect(await feedbackNow()).toEqual(['F1', 'F2']);
    await recorded;
    expect(versionsRead).toHaveBeenCalled();
    expect(reads).toHaveBeenCalledTimes(1);

    // Its own store committed and recorded right after the pass read the versions: the entry is ahead of that read, and used.
    versionsRead.mockImplementationOnce(async (...args) => {
      const current = await read(...args);
      await facts.recordWhenCommitted(store(contract, [rating('F3')]));
      return current;
    });
    expect(await feedbackNow()).toEqual(['F1', 'F2', 'F3']);
    expect(reads).toHaveBeenCalledTimes(1);
    versionsRead.mockRestore();
    reads.mockRestore();
  });

  it('scores every window from the ticket KPIs it keeps as from the projections, as tickets change', async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const now = Date.now();
    const facts = fresh();
    /** Stores events as the pipeline does (its LiveFacts following), then scores every window from the kept KPIs and from the database. */
    const storeAndScore = async (stored: CanonicalEvent[], at?: Date) => {
      facts.record((await store(contract, stored)).saved);
      const kept = (await facts.of([contract], { at })).get(contract.id)!;
      const read = (await scorecards.factsOfMany([contract], kept.at, kept.at)).get(contract.id)!;
      return { kept, views: numbers(contract, kept, kept.at), fromProjections: numbers(contract, read, kept.at) };
    };
    const live = (views: Omit<ScorecardView, 'updatedAt'>[]) => views.find((v) => v.window === LIVE_WINDOW)!;

    // Answered late or never, resolved on time or not, reopened; one out of the 7- and 30-day windows.
    const first = await storeAndScore([
      ...events.ticket('A', 'P1', now - 5 * DAY, [
        ['responded', 10],
        ['resolved', 200],
      ]),
      ...events.ticket('B', 'P2', now - 4 * DAY, [
        ['responded', 90],
        ['resolved', 600],
        ['reopened', 700],
      ]),
      ...events.ticket('C', 'P3', now - 3 * DAY, [['responded', 30]]),
      ...events.ticket('D', 'P4', now - 2 * DAY, [
        ['responded', 5],
        ['resolved', 60],
      ]),
      ...events.ticket('OLD', 'P2', now - 80 * DAY, [
        ['responded', 10],
        ['resolved', 100],
      ]),
    ]);
    expect(Object.keys(first.kept.ticketKpis).sort()).toEqual([...WINDOW_NAMES].sort());
    expect(first.kept.tickets).toEqual([]);
    expect(live(first.views).kpis.firstResponseCompliance.samples).toBe(4);
    expect(first.views.find((v) => v.window === '90d')!.kpis.firstResponseCompliance.samples).toBe(5);
    expect(first.views).toEqual(first.fromProjections);

    // B resolved again, C resolved, a new ticket E: only these move the kept KPIs.
    const second = await storeAndScore([
      events.event('ticket.resolved', now - 4 * DAY + 800 * 60_000, { ticketId: 'B' }),
      events.event('ticket.resolved', now - 3 * DAY + 2000 * 60_000, { ticketId: 'C' }),
      ...events.ticket('E', 'P1', now - DAY, [['responded', 40]]),
    ]);
    expect(second.kept.tickets).toEqual([]);
    expect(live(second.views).kpis.firstResponseCompliance.samples).toBe(5);
    expect(second.views).toEqual(second.fromProjections);

    // A ticket opened ahead of now (clock skew) and one answered ahead: kept whole, taken as of each instant; still exact.
    const third = await storeAndScore([
      ...events.ticket('AHEAD', 'P2', now + HOUR),
      events.event('ticket.responded', now + 2 * HOUR, { ticketId: 'E' }),
    ]);
    expect(Object.keys(third.kept.ticketKpis)).toHaveLength(WINDOW_NAMES.length);
    expect(third.views).toEqual(third.fromProjections);

    // Asked for an instant before events it placed settled (D's resolution): the KPIs are not exact there, so it reads the tickets.
    const earlier = await storeAndScore([], new Date(now - 2 * DAY + 30 * 60_000));
    expect(earlier.kept.ticketKpis).toEqual({});
    expect(earlier.kept.tickets.map((t) => t.ticketId).sort()).toEqual(['A', 'B', 'C', 'D', 'OLD']);
    expect(earlier.views).toEqual(earlier.fromProjections);
  });

  it('drops what slid out of every window as time moves on, instead of reading the contract again, and scores the same', async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const now = Date.now();
    const facts = fresh();
    facts.record(
      (
        await store(contract, [
          ...events.ticket('OLD', 'P2', now - 85 * DAY, [
            ['responded', 10],
            ['resolved', 100],
          ]),
          ...events.ticket('RECENT', 'P3', now - 2 * DAY, [['responded', 30]]),
        ])
      ).saved,
    );
    await facts.of([contract]);
    // Eleven days on, past the prune interval: OLD has left the 90-day window.
    const later = new Date(now + 11 * DAY);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later.getTime());
    const reads = jest.spyOn(repository, 'ticketsFor');
    try {
      const kept = (await facts.of([contract], { at: later })).get(contract.id)!;
      expect(reads).not.toHaveBeenCalled();
      expect(Object.keys(kept.ticketKpis)).toHaveLength(WINDOW_NAMES.length);
      const read = (await scorecards.factsOfMany([contract], later, later)).get(contract.id)!;
      const views = numbers(contract, kept, later);
      expect(views.find((v) => v.window === '90d')!.kpis.firstResponseCompliance.samples).toBe(1);
      expect(views).toEqual(numbers(contract, read, later));
    } finally {
      clock.mockRestore();
      reads.mockRestore();
    }
  });
});
