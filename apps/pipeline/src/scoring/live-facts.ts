import { Injectable } from '@nestjs/common';
import { LIVE_WINDOW, WINDOW_NAMES, WINDOWS, WindowName } from '@rapport/contracts';
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
import { ContractFacts, LiveTicketWindow, termsOf } from '@rapport/scoring';
import { TimeSlice } from './time-slice';

const DAY_MS = 24 * 60 * 60 * 1000;
const LONGEST_WINDOW_MS = Math.max(...Object.values(WINDOWS)) * DAY_MS;

/** A contract's facts are read again this often, which also drops those that slid out of every window. */
const RELOAD_AFTER_MS = 10 * 60_000;
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
  loadedAt: number;
  /** Everything relevant from this instant on (epoch ms). */
  since: number;
  tickets: Map<string, TicketProjection>;
  /** The live window's ticket KPIs, kept up to date with `tickets` once scored (built on first use). */
  liveTickets?: LiveTicketWindow;
  deliverables: Map<string, DeliverableProjection>;
  feedback: Map<string, FeedbackProjection>;
}

/** A contract's facts for scoring, and its live window's ticket KPIs when they are known without the tickets. */
export interface ScoringFacts extends ContractFacts {
  liveTicketKpis: TicketKpis | null;
}

/** The entry's live-window ticket KPIs, built from its tickets on first use or when the contract's terms changed. */
function liveTicketsOf(entry: Entry, contract: ContractRow): LiveTicketWindow {
  if (entry.liveTickets?.terms !== termsOf(contract)) {
    entry.liveTickets = new LiveTicketWindow(contract, WINDOWS[LIVE_WINDOW]);
    for (const t of entry.tickets.values()) entry.liveTickets.put(t);
  }
  return entry.liveTickets;
}

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
    for (const t of saved.tickets) {
      const entry = this.entries.get(t.contractId);
      entry?.tickets.set(t.ticketId, t);
      entry?.liveTickets?.put(t);
    }
    for (const d of saved.deliverables) this.entries.get(d.contractId)?.deliverables.set(d.deliverableId, d);
    for (const f of saved.feedback) this.entries.get(f.contractId)?.feedback.set(f.feedbackId, f);
  }

  /**
   * Every fact that can move the `windows`' scorecards at `at`, per contract: what
   * `ScorecardService.factsOfMany(contracts, at, at)` reads, with the live window's ticket KPIs
   * when they are known without the tickets; the tickets are then left out unless another window
   * needs them.
   */
  async of(contracts: ContractRow[], at: Date, windows: readonly WindowName[] = WINDOW_NAMES): Promise<Map<string, ScoringFacts>> {
    const ids = contracts.map((c) => c.id);
    const since = at.getTime() - LONGEST_WINDOW_MS;
    const until = at.getTime();
    const versions = await this.versions.current(ids);
    const behind = (id: string) => {
      const entry = this.entries.get(id);
      return entry !== undefined && entry.version < (versions.get(id) ?? entry.version);
    };
    if (this.storing.size && ids.some(behind)) await Promise.allSettled([...this.storing]);
    // Chosen now, before the next await: another call may replace or drop entries meanwhile.
    const chosen = new Map<string, Entry>();
    const stale: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      // A later version than the one read is this worker's own, recorded meanwhile: coherent too.
      const current = entry && entry.version >= (versions.get(id) ?? Infinity);
      const usable = current && entry.since <= since && Date.now() - entry.loadedAt <= RELOAD_AFTER_MS;
      if (usable) chosen.set(id, entry);
      else stale.push(id);
    }
    if (stale.length) for (const [id, entry] of await this.load(stale, since)) chosen.set(id, entry);
    const facts = new Map<string, ScoringFacts>();
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const otherWindows = windows.some((w) => w !== LIVE_WINDOW);
    const slice = new TimeSlice();
    for (const [id, entry] of chosen) {
      // Taking every ticket of 90 days is a walk over all of them: other batches are answered between contracts.
      await slice.pause();
      // Most recently used last: the first entries are the ones to drop.
      if (this.entries.get(id) === entry) {
        this.entries.delete(id);
        this.entries.set(id, entry);
      }
      const liveTicketKpis = windows.includes(LIVE_WINDOW) ? liveTicketsOf(entry, byId.get(id)!).kpisAt(at) : null;
      facts.set(id, {
        liveTicketKpis,
        // The tickets are read only for what the live window's KPIs do not answer.
        tickets: otherWindows || !liveTicketKpis ? [...entry.tickets.values()].filter((t) => ticketRelevant(t, since, until)) : [],
        deliverables: [...entry.deliverables.values()].filter((d) => deliverableRelevant(d, since, until)),
        feedback: [...entry.feedback.values()].filter((f) => feedbackRelevant(f, since, until)),
      });
    }
    for (const id of this.entries.keys()) {
      if (this.entries.size <= MAX_CONTRACTS) break;
      this.entries.delete(id);
    }
    return facts;
  }

  /**
   * Reads the contracts' facts from `since` on, and their version, from one snapshot: each entry is
   * exactly that version. Kept unless a newer entry arrived meanwhile (another call's, or moved on
   * by `record`).
   */
  private async load(ids: string[], since: number): Promise<Map<string, Entry>> {
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
    const loadedAt = Date.now();
    const loaded = new Map<string, Entry>();
    for (const id of ids) {
      const entry: Entry = {
        version: versions.get(id)!,
        loadedAt,
        since,
        tickets: new Map((tickets.get(id) ?? []).map((t) => [t.ticketId, t])),
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
