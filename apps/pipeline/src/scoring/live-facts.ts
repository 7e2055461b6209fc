import { Injectable } from '@nestjs/common';
import { WINDOW_NAMES, WINDOWS, WindowName } from '@rapport/contracts';
import {
  ContractRow,
  deliverableRelevant,
  DeliverableProjection,
  FeedbackProjection,
  feedbackRelevant,
  ProjectionRepository,
  ProjectionVersionRepository,
  SqlDatabase,
  ticketRelevant,
  TicketProjection,
} from '@rapport/db';
import type { TicketKpis } from '@rapport/kpi';
import { ContractFacts, termsOf, TicketWindows } from '@rapport/scoring';
import { TimeSlice } from './time-slice';

const DAY_MS = 24 * 60 * 60 * 1000;
const LONGEST_WINDOW_MS = Math.max(...Object.values(WINDOWS)) * DAY_MS;

/**
 * What slid out of every window is dropped from a contract's facts this often. They were read
 * again instead: at 30,000 tickets a contract, every contract's 90 days at once, every 10 minutes.
 */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Contracts kept in memory at most (the least recently scored go first). */
const MAX_CONTRACTS = 5_000;
/** No upper bound on a read: later facts are filtered at use. */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

/** What one transaction saved, and the versions it moved those contracts' projections to. */
export interface SavedProjections {
  tickets: TicketProjection[];
  deliverables: DeliverableProjection[];
  feedback: FeedbackProjection[];
  versions: Map<string, number>;
}

interface Entry {
  /** The version of the contract's projections these facts are (ProjectionVersion). */
  version: number;
  /** Everything relevant from this instant on (epoch ms). */
  since: number;
  prunedAt: number;
  /** Every window's ticket KPIs, kept up to date with the contract's tickets: the tickets themselves are not kept. */
  tickets: TicketWindows;
  deliverables: Map<string, DeliverableProjection>;
  feedback: Map<string, FeedbackProjection>;
}

/**
 * A contract's facts for scoring at `at`: the windows' ticket KPIs where they are known without the
 * tickets (`tickets` then holds none), and its deliverables and feedback.
 */
export interface ScoringFacts extends ContractFacts {
  at: Date;
  ticketKpis: Partial<Record<WindowName, TicketKpis>>;
}

const WINDOW_DAYS = WINDOW_NAMES.map((w) => WINDOWS[w]);

/**
 * The facts live scoring needs, kept in memory per contract so that a batch costs the projections
 * it changed, not a re-read of every contract's last 90 days. Coherent by construction: an entry
 * is used only while it names the version the database holds (one small read per refresh) or a
 * later one this worker committed since, and moves to a new version only with the rows of exactly
 * that transaction; anything else (another worker, a replay, a rebalance) makes it read again.
 */
@Injectable()
export class LiveFacts {
  private readonly entries = new Map<string, Entry>();
  /** This worker's stores whose transactions may have committed but are not recorded yet. */
  private readonly storing = new Set<Promise<unknown>>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly projections: ProjectionRepository,
    private readonly versions: ProjectionVersionRepository,
  ) {}

  /**
   * A store of this worker: what it saved is recorded as soon as its transaction commits. Until
   * then a pass may read the versions it committed before its entries moved: the pass waits for
   * it, rather than reading those contracts' 90 days again.
   */
  recordWhenCommitted<T extends { saved: SavedProjections }>(store: Promise<T>): Promise<T> {
    const recorded = store.then((applied) => {
      this.record(applied.saved);
      return applied;
    });
    this.storing.add(recorded);
    const settled = () => void this.storing.delete(recorded);
    recorded.then(settled, settled);
    return recorded;
  }

  /** After a transaction committed: what it saved. */
  record(saved: SavedProjections): void {
    for (const [contractId, version] of saved.versions) {
      const entry = this.entries.get(contractId);
      if (entry && entry.version !== version - 1) this.entries.delete(contractId);
      else if (entry) entry.version = version;
    }
    for (const t of saved.tickets) this.entries.get(t.contractId)?.tickets.put(t);
    for (const d of saved.deliverables) this.entries.get(d.contractId)?.deliverables.set(d.deliverableId, d);
    for (const f of saved.feedback) this.entries.get(f.contractId)?.feedback.set(f.feedbackId, f);
  }

  /**
   * Every fact that can move the `windows`' scorecards of each contract at `at`: what
   * `ScorecardService.factsOfMany(contracts, at, at)` reads, with the windows' ticket KPIs in place
   * of the tickets wherever they are known. Without `at`, each contract is taken as of the instant
   * its facts are: live scoring's instants then never go back, and its KPIs are always known.
   */
  async of(
    contracts: ContractRow[],
    { at, windows = WINDOW_NAMES }: { at?: Date; windows?: readonly WindowName[] } = {},
  ): Promise<Map<string, ScoringFacts>> {
    const ids = contracts.map((c) => c.id);
    const since = (at?.getTime() ?? Date.now()) - LONGEST_WINDOW_MS;
    const versions = await this.versions.current(ids);
    const behind = (id: string) => {
      const entry = this.entries.get(id);
      return entry !== undefined && entry.version < (versions.get(id) ?? entry.version);
    };
    if (this.storing.size && ids.some(behind)) await Promise.allSettled([...this.storing]);
    // Chosen now, before the next await: another call may replace or drop entries meanwhile.
    const chosen = new Map<string, Entry>();
    const stale: ContractRow[] = [];
    for (const contract of contracts) {
      const entry = this.entries.get(contract.id);
      // A later version than the one read is this worker's own, recorded meanwhile: coherent too.
      const current = entry && entry.version >= (versions.get(contract.id) ?? Infinity) && entry.tickets.terms === termsOf(contract);
      const usable = current && entry.since <= since;
      if (usable) chosen.set(contract.id, entry);
      else stale.push(contract);
    }
    const loaded = stale.length ? await this.load(stale, since) : new Map<string, Entry>();
    for (const [id, entry] of loaded) chosen.set(id, entry);
    const facts = new Map<string, ScoringFacts>();
    const unknown: string[] = [];
    const slice = new TimeSlice();
    for (const [id, entry] of chosen) {
      // A window that moved far (first use after a read) walks many marks: other batches are answered between contracts.
      await slice.pause();
      // Most recently used last: the first entries are the ones to drop.
      if (this.entries.get(id) === entry) {
        this.entries.delete(id);
        this.entries.set(id, entry);
      }
      if (since > entry.since && Date.now() - entry.prunedAt > PRUNE_EVERY_MS) prune(entry, since);
      const instant = at ?? new Date();
      const ticketKpis: ScoringFacts['ticketKpis'] = {};
      // Pruned past this call's instant meanwhile (by a call for a later one): its tickets are read instead.
      const pruned = entry.since > since;
      for (const window of windows) {
        const kpis = pruned ? null : entry.tickets.kpisAt(instant, WINDOWS[window]);
        if (kpis) ticketKpis[window] = kpis;
        else unknown.push(id);
      }
      const [from, until] = [instant.getTime() - LONGEST_WINDOW_MS, instant.getTime()];
      facts.set(id, {
        at: instant,
        ticketKpis,
        tickets: [],
        deliverables: [...entry.deliverables.values()].filter((d) => deliverableRelevant(d, from, until)),
        feedback: [...entry.feedback.values()].filter((f) => feedbackRelevant(f, from, until)),
      });
    }
    if (unknown.length) await this.readTickets([...new Set(unknown)], facts);
    for (const id of this.entries.keys()) {
      if (this.entries.size <= MAX_CONTRACTS) break;
      this.entries.delete(id);
    }
    return facts;
  }

  /** The tickets of contracts whose windows could not answer, for scoring from the projections. */
  private async readTickets(ids: string[], facts: Map<string, ScoringFacts>): Promise<void> {
    const earliest = Math.min(...ids.map((id) => facts.get(id)!.at.getTime()));
    const tickets = await this.projections.ticketsFor(ids, new Date(earliest - LONGEST_WINDOW_MS), END_OF_TIME);
    for (const id of ids) {
      const fact = facts.get(id)!;
      const until = fact.at.getTime();
      fact.tickets = (tickets.get(id) ?? []).filter((t) => ticketRelevant(t, until - LONGEST_WINDOW_MS, until));
    }
  }

  /**
   * Reads the contracts' facts from `since` on, and their version, from one snapshot: each entry is
   * exactly that version. Kept unless a newer entry arrived meanwhile (another call's, or moved on
   * by `record`).
   */
  private async load(contracts: ContractRow[], since: number): Promise<Map<string, Entry>> {
    const ids = contracts.map((c) => c.id);
    const from = new Date(since);
    const [versions, tickets, deliverables, feedback] = await this.db.transaction(
      async (tx) =>
        [
          await this.versions.current(ids, tx),
          await this.projections.ticketsFor(ids, from, END_OF_TIME, tx),
          await this.projections.deliverablesFor(ids, from, END_OF_TIME, tx),
          await this.projections.feedbackFor(ids, from, END_OF_TIME, tx),
        ] as const,
      { snapshot: true },
    );
    const prunedAt = Date.now();
    const loaded = new Map<string, Entry>();
    const slice = new TimeSlice();
    for (const contract of contracts) {
      const id = contract.id;
      const windows = new TicketWindows(contract, WINDOW_DAYS);
      // A contract's 90 days of tickets take a while to place: other batches are answered in between.
      for (const t of tickets.get(id) ?? []) windows.put(t);
      await slice.pause();
      const entry: Entry = {
        version: versions.get(id)!,
        since,
        prunedAt,
        tickets: windows,
        deliverables: new Map((deliverables.get(id) ?? []).map((d) => [d.deliverableId, d])),
        feedback: new Map((feedback.get(id) ?? []).map((f) => [f.feedbackId, f])),
      };
      loaded.set(id, entry);
      const current = this.entries.get(id);
      if (!current || current.version < entry.version) this.entries.set(id, entry);
    }
    return loaded;
  }
}

/** Drops what can no longer count in a window from `since` on: the entry then holds everything relevant from there. */
function prune(entry: Entry, since: number): void {
  entry.tickets.forgetBefore(since);
  for (const [id, d] of entry.deliverables) if (!deliverableRelevant(d, since, Infinity)) entry.deliverables.delete(id);
  for (const [id, f] of entry.feedback) if (!feedbackRelevant(f, since, Infinity)) entry.feedback.delete(id);
  entry.since = since;
  entry.prunedAt = Date.now();
}
