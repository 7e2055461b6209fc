import type { GroupProgress } from '@rapport/kafka';

/** With events waiting, a consumer group whose committed offsets have not moved for this long is stalled. */
export const STALL_AFTER_MS = 30_000;
/** A worker reports every 2 s; one silent for this long is dead or hung, and holds its partitions for nothing. */
export const SILENT_AFTER_MS = 6_000;

export type PipelineVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Judges a consumer group from successive observations (pure, so the rule is testable):
 * it must have members in a stable group, each of them reporting alive, and make progress
 * whenever there is lag.
 */
export class PipelineProgress {
  private lastCommitted = -1;
  private unchangedSince = 0;

  judge(progress: GroupProgress | undefined, lastSeen: Map<string, Date>, now: number): PipelineVerdict {
    if (!progress) return { ok: false, reason: 'consumer group state unknown' };
    if (progress.members === 0) return { ok: false, reason: 'no pipeline worker is consuming' };
    if (progress.state !== 'Stable') return { ok: false, reason: `consumer group is ${progress.state}` };
    const silent = progress.memberIds.filter((id) => now - (lastSeen.get(id)?.getTime() ?? 0) > SILENT_AFTER_MS);
    if (silent.length) return { ok: false, reason: `${silent.length} of ${progress.members} pipeline worker(s) stopped reporting` };
    const committed = progress.partitions.reduce((n, p) => n + Math.max(p.committed, 0), 0);
    const lag = progress.partitions.reduce((n, p) => n + p.lag, 0);
    if (committed !== this.lastCommitted || lag === 0) {
      this.lastCommitted = committed;
      this.unchangedSince = now;
      return { ok: true };
    }
    if (now - this.unchangedSince > STALL_AFTER_MS) {
      return {
        ok: false,
        reason: `no progress for ${Math.round((now - this.unchangedSince) / 1000)} s with ${lag} record(s) of events waiting`,
      };
    }
    return { ok: true };
  }
}
