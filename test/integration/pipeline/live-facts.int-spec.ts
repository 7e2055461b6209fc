import type { CanonicalEvent, ScorecardView } from '@rapport/contracts';
import { WINDOWS, WindowName } from '@rapport/contracts';
import { ContractRow, ProjectionRepository, ProjectionVersionRepository, SqlDatabase } from '@rapport/db';
import { ContractFacts, ScorecardService } from '@rapport/scoring';
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
  const numbers = (contract: ContractRow, facts: ContractFacts, at: Date) =>
    (Object.keys(WINDOWS) as WindowName[]).map((w) => {
      const { updatedAt: _, ...view }: ScorecardView = scorecards.evaluate(contract, facts, w, at);
      return view;
    });

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
    await following.of([contract], at); // an entry before the events, kept up to date by what was saved
    following.record((await store(contract, history)).saved);
    const read = (await scorecards.factsOfMany([contract], at, at)).get(contract.id)!;
    const followed = (await following.of([contract], at)).get(contract.id)!;
    const loaded = (await fresh().of([contract], at)).get(contract.id)!;

    expect(ids(read)).toEqual({ tickets: ['IN'], deliverables: ['REVIEWED'], feedback: ['RECENT'] });
    expect(ids(followed)).toEqual(ids(read));
    expect(ids(loaded)).toEqual(ids(read));
    expect(numbers(contract, followed, at)).toEqual(numbers(contract, read, at));
    expect(numbers(contract, loaded, at)).toEqual(numbers(contract, read, at));
  });

  it("follows its own transactions without reading again, and reads again after anyone else's", async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const rating = (id: string) => events.feedback(id, Date.now() - HOUR, 5, 10);
    const facts = fresh();
    const reads = jest.spyOn(repository, 'feedbackFor');
    const feedbackNow = async () => ids((await facts.of([contract], new Date())).get(contract.id)!).feedback;

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
});
