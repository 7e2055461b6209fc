import { randomUUID } from 'node:crypto';

export const STANDARD_SLA = {
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Builds canonical CloudEvents for one contract with ids unique to this test run. */
export class EventFactory {
  private readonly run = randomUUID().slice(0, 8);
  private count = 0;

  constructor(
    private readonly contractId: string,
    private readonly source = 'test://tracker',
  ) {}

  event(type: string, at: number, data: Record<string, unknown>) {
    this.count += 1;
    return {
      specversion: '1.0',
      id: `${this.run}-${this.count}`,
      source: this.source,
      type,
      time: new Date(at).toISOString(),
      contractid: this.contractId,
      data,
    };
  }
}
