import { Injectable } from '@nestjs/common';
import { type CanonicalEvent, groupBy } from '@rapport/contracts';
import {
  ContractRow,
  EventStoreRepository,
  HistoryMark,
  ProjectionRepository,
  ProjectionVersionRepository,
  SqlDatabase,
  SqlRunner,
  StoredEventRow,
  SubjectRef,
} from '@rapport/db';
import { HistoryRebuilder } from '../scoring/history-rebuilder.service';
import type { SavedProjections } from '../scoring/live-facts';
import { addState, FoldedStates, keepEarliest, noStates, SubjectStreamFold } from './folded-states';
import { eventOrder, foldSubject } from './subject-state';

/** A replay reads the log this many events at a time… */
const REPLAY_PAGE_EVENTS = 10_000;
/** …and writes the folded states in chunks of about this many, across contracts. */
const REPLAY_WRITE_STATES = 5_000;

export interface RefoldSummary {
  events: number;
  subjects: number;
}

export interface AppliedEvents {
  /** The events that were new (duplicates are ignored, not double-counted). */
  fresh: CanonicalEvent[];
  saved: SavedProjections;
}

/**
 * Stores new events exactly once and refolds the subjects they touch, in one transaction: either
 * the events, the state they imply and the history marks of the late ones are all saved, or none.
 * A whole batch, across contracts, costs a fixed handful of statements: insert (which also moves
 * the versions of the contracts that got new events), read the touched subjects' events, one
 * upsert for every kind (and one for the marks when some events are late).
 */
@Injectable()
export class ProjectionService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly events: EventStoreRepository,
    private readonly projections: ProjectionRepository,
    private readonly versions: ProjectionVersionRepository,
    private readonly history: HistoryRebuilder,
  ) {}

  /** Late events mark their contracts' history stale, in the same transaction. */
  apply(contracts: Map<string, ContractRow>, batch: CanonicalEvent[]): Promise<AppliedEvents> {
    return this.db.transaction(async (tx) => {
      // As the log holds them (`freshRows`): their subjects, times and the fold all read these.
      const { fresh, freshRows, versions } = await this.events.insertNew(batch, tx);
      const touched = new Map(freshRows.map(({ contractId, subjectId }) => [refKey({ contractId, subjectId }), { contractId, subjectId }]));
      const saved = await this.refold(contracts, [...touched.values()], freshRows, versions, tx);
      const earliest = new Map<string, Date>();
      for (const r of freshRows) keepEarliest(earliest, r.contractId, r.time);
      await this.history.markDirty(marksOf(earliest), tx);
      return { fresh, saved };
    });
  }

  /**
   * Rebuilds every projection of `contracts` from the whole event log (replay), in one transaction:
   * readers see the old projections until it commits. The log is read a page at a time, a subject's
   * events together; each subject is folded once its events are read, and the states are written in
   * large chunks across contracts while the next page is read. `contractFolded` gets each contract's
   * states (all of them) as soon as they are folded. Every contract's history is marked stale from
   * its first event in the same transaction, and their projection versions move on (a running
   * worker reads their facts again).
   */
  refoldAll(
    contracts: Map<string, ContractRow>,
    contractFolded: (contract: ContractRow, states: FoldedStates) => void = () => undefined,
  ): Promise<RefoldSummary> {
    const ids = [...contracts.keys()];
    return this.db.transaction(
      async (tx) => {
        await this.versions.bump(ids, tx);
        await this.projections.clear(ids, tx);
        const fold = new SubjectStreamFold(contracts, contractFolded);
        let writing: Promise<void> = Promise.resolve();
        // One write in flight at a time, overlapping the next read.
        const write = async () => {
          await writing;
          writing = this.projections.save(fold.take(), tx);
          writing.catch(() => undefined); // thrown where it is awaited next, not as an unhandled rejection meanwhile
        };
        let events = 0;
        await this.events.forEachPageBySubject(ids, REPLAY_PAGE_EVENTS, async (page) => {
          events += page.length;
          fold.add(page);
          if (fold.size >= REPLAY_WRITE_STATES) await write();
        });
        fold.end();
        await write();
        await writing;
        await this.history.markDirty(marksOf(fold.firstEvents), tx);
        return { events, subjects: fold.subjects };
      },
      { statementTimeoutMs: 10 * 60_000 },
    );
  }

  /**
   * Refolds each subject from all of its stored events: the new ones as given, the others in one
   * read; then one upsert for the lot. Their contracts' versions are already moved and locked, so
   * the read sees every event committed before by another transaction on the same contracts.
   */
  private async refold(
    contracts: Map<string, ContractRow>,
    subjects: SubjectRef[],
    freshRows: StoredEventRow[],
    versions: Map<string, number>,
    tx: SqlRunner,
  ): Promise<SavedProjections> {
    if (!subjects.length) return { ...noStates(), versions };
    const bySubject = groupBy([...(await this.events.earlierSubjectEvents(subjects, tx)), ...freshRows], refKey);
    const states = noStates();
    for (const { contractId, subjectId } of subjects) {
      const events = (bySubject.get(refKey({ contractId, subjectId })) ?? []).sort(eventOrder);
      addState(states, foldSubject(contracts.get(contractId)!, subjectId, events));
    }
    await this.projections.save(states, tx);
    return { ...states, versions };
  }
}

/** One subject of one contract, as a map key. */
const refKey = (ref: SubjectRef): string => `${ref.contractId}\u0000${ref.subjectId}`;

const marksOf = (earliest: Map<string, Date>): HistoryMark[] => [...earliest].map(([contractId, since]) => ({ contractId, since }));
