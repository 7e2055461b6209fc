import type { ScorecardView } from './scorecard';

export interface AlertView {
  id: string;
  contractId: string;
  vendorId: string;
  kind: 'band_change' | 'sla_breach' | 'sharp_drop';
  severity: 'info' | 'warning' | 'critical';
  message: string;
  raisedAt: string;
}

/** Server-to-client socket.io events; names are part of the public interface. */
export interface ServerToClientEvents {
  'scorecard.updated': (scorecard: ScorecardView) => void;
  'alert.raised': (alert: AlertView) => void;
}

/** Messages on the updates topic, from the pipeline to whichever API instance holds sockets. */
export type UpdateMessage =
  | { kind: 'scorecard.updated'; vendorId: string; contractId: string; scorecard: ScorecardView }
  | { kind: 'alert.raised'; vendorId: string; contractId: string; alert: AlertView };
