import type { ContractRow, ProjectionRows, StoredEventRow } from '@rapport/db';
import { eventOrder, foldSubject, SubjectState } from './subject-state';

/** Folded subjects waiting to be written, one list per projection table. */
export type FoldedStates = ProjectionRows;

export const noStates = (): FoldedStates => ({ tickets: [], deliverables: [], feedback: [] });

/** Keeps in `earliest` the earliest `time` seen per contract. */
export function keepEarliest(earliest: Map<string, Date>, contractId: string, time: Date): void {
  const known = earliest.get(contractId);
  if (!known || time < known) earliest.set(contractId, time);
}

export function addState(states: FoldedStates, state: SubjectState | null): void {
  if (state?.kind === 'ticket') states.tickets.push(state.ticket);
  else if (state?.kind === 'deliverable') states.deliverables.push(state.deliverable);
  else if (state?.kind === 'feedback') states.feedback.push(state.feedback);
}

/**
 * Folds a log read in subject order (each subject's events one after another, as
 * `EventStoreRepository.forEachPageBySubject` gives them, contract by contract): a subject is folded
 * as soon as the next one starts, so only one subject's events are held at a time, and its state
 * waits in `take()`'s lists until written. Once a contract's last subject is folded, `contractDone`
 * gets all its states (one contract's projections, not its log). Notes each contract's first event
 * time on the way.
 */
export class SubjectStreamFold {
  readonly firstEvents = new Map<string, Date>();
  subjects = 0;
  private current: StoredEventRow[] = [];
  private pending = noStates();
  private contractStates = noStates();

  constructor(
    private readonly contracts: Map<string, ContractRow>,
    private readonly contractDone: (contract: ContractRow, states: FoldedStates) => void,
  ) {}

  add(page: StoredEventRow[]): void {
    for (const e of page) {
      const head = this.current[0];
      if (head && (head.subjectId !== e.subjectId || head.contractId !== e.contractId)) {
        this.foldCurrent();
        if (head.contractId !== e.contractId) this.finishContract(head.contractId);
      }
      this.current.push(e);
      keepEarliest(this.firstEvents, e.contractId, e.time);
    }
  }

  /** The log is read: folds its last subject. */
  end(): void {
    const head = this.current[0];
    if (!head) return;
    this.foldCurrent();
    this.finishContract(head.contractId);
  }

  /** Folded states not taken yet. */
  get size(): number {
    return this.pending.tickets.length + this.pending.deliverables.length + this.pending.feedback.length;
  }

  take(): FoldedStates {
    const taken = this.pending;
    this.pending = noStates();
    return taken;
  }

  private foldCurrent(): void {
    const { contractId, subjectId } = this.current[0];
    const state = foldSubject(this.contracts.get(contractId)!, subjectId, this.current.sort(eventOrder));
    addState(this.pending, state);
    addState(this.contractStates, state);
    this.subjects += 1;
    this.current = [];
  }

  private finishContract(contractId: string): void {
    this.contractDone(this.contracts.get(contractId)!, this.contractStates);
    this.contractStates = noStates();
  }
}
