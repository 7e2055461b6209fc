import type { AlertView, ScorecardView } from '@rapport/contracts';

/** What a critical alert's mail says; written by alert-mail.renderer.ts on the render thread. */
export interface AlertMailModel {
  alert: AlertView;
  scorecard: ScorecardView;
  contractUrl: string;
  optOut: string;
}

export const alertSubject = (m: AlertMailModel): string => `[Rapport] Critical: ${m.scorecard.vendorName} / ${m.scorecard.contractName}`;
