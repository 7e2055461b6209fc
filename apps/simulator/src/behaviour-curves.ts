import { clamp, lerp, smoothNoise, smoothstep } from './seeded-random';
import type { VendorScenario } from './vendor-scenarios';

/**
 * How a vendor performs at one moment of its story: the probabilities that drive each
 * ticket's and deliverable's fate. A story is `lengthDays` simulated days long (the backfill
 * length); `day` may run past it in the live phase, where trends hold their final level and
 * bursts recur once per story length.
 */
export interface Conditions {
  /** Probability that a first response lands within the priority's target. */
  responseOnTime: number;
  /** Probability that a resolution lands within the priority's target. */
  resolutionOnTime: number;
  /** Probability that a resolved ticket is reopened. */
  reopenRate: number;
  /** Probability that a deliverable is submitted by its due date. */
  deliveryOnTime: number;
  /** Probability that a deliverable is accepted at its first review. */
  firstPassAcceptance: number;
  /** 0..1: how happy the client's stakeholders are (drives CSAT and NPS). */
  satisfaction: number;
  /** Multiplier of the ticket arrival rate (bursts). */
  ticketRateFactor: number;
  /** Share of P1 among new tickets, when a burst overrides the usual mix. */
  p1Share: number | null;
}

export const MAX_TICKET_RATE_FACTOR = 4;

/** Is the P1-burst vendor inside a burst? One burst of 10% of the story, at 55% of each story. */
export function inBurst(day: number, lengthDays: number): boolean {
  const phase = (((day / lengthDays - 0.55) % 1) + 1) % 1;
  return phase < 0.1;
}

/** Ticket-side conditions from one quality level q (1 = flawless). */
function fromQuality(q: number): Pick<Conditions, 'responseOnTime' | 'resolutionOnTime' | 'reopenRate' | 'satisfaction'> {
  return {
    responseOnTime: clamp(q, 0.05, 0.99),
    resolutionOnTime: clamp(q - 0.04, 0.05, 0.99),
    reopenRate: clamp(0.02 + 0.3 * (1 - q), 0, 0.5),
    satisfaction: clamp(q, 0.05, 0.98),
  };
}

export function conditionsAt(vendor: VendorScenario, day: number, lengthDays: number, seed: number): Conditions {
  const p = day / Math.max(lengthDays, 1e-9);
  const wobble = (amplitude: number, periodDays = 1.5) => amplitude * smoothNoise(day / periodDays, seed, vendor.slug, 'mood');
  const base = { ticketRateFactor: 1, p1Share: null };

  switch (vendor.behaviour) {
    case 'healthy':
      return { ...base, ...fromQuality(0.95 + wobble(0.02)), deliveryOnTime: 0.93, firstPassAcceptance: 0.9 };

    case 'degrading': {
      const t = smoothstep(0.1, 0.95, p);
      return {
        ...base,
        ...fromQuality(lerp(0.96, 0.42, t) + wobble(0.02)),
        deliveryOnTime: lerp(0.92, 0.5, t),
        firstPassAcceptance: lerp(0.9, 0.55, t),
      };
    }

    case 'recovering': {
      const t = smoothstep(0.05, 0.9, p);
      return {
        ...base,
        ...fromQuality(lerp(0.45, 0.95, t) + wobble(0.02)),
        deliveryOnTime: lerp(0.55, 0.9, t),
        firstPassAcceptance: lerp(0.6, 0.9, t),
      };
    }

    case 'p1-burst': {
      const steady = { ...fromQuality(0.92 + wobble(0.02)), deliveryOnTime: 0.88, firstPassAcceptance: 0.85 };
      if (!inBurst(day, lengthDays)) return { ...base, ...steady };
      return {
        ...steady,
        ...fromQuality(0.62),
        ticketRateFactor: MAX_TICKET_RATE_FACTOR,
        p1Share: 0.55,
      };
    }

    case 'late-deliverables':
      return { ...base, ...fromQuality(0.88 + wobble(0.03)), deliveryOnTime: 0.2, firstPassAcceptance: 0.7 };

    case 'noisy': {
      const q = 0.72 + wobble(0.22, 1);
      return {
        ...base,
        ...fromQuality(q),
        deliveryOnTime: clamp(0.7 + wobble(0.25, 3), 0.2, 0.98),
        firstPassAcceptance: clamp(0.72 + wobble(0.2, 2), 0.3, 0.95),
        ticketRateFactor: 1 + 0.5 * Math.max(0, smoothNoise(day / 2, seed, vendor.slug, 'load')),
      };
    }
  }
}
