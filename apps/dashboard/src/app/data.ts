import type { AlertView, EvidenceRow, ScorecardView, ScorePoint, VendorScorecardView } from '../lib/types';
import { get, query } from './api-client';

/** A contract as GET /contracts returns it (the fields the dashboard reads). */
export interface ContractRow {
  id: string;
  vendorId: string;
  name: string;
  serviceType: string;
  startsAt: string;
  endsAt: string | null;
  ownerEmail?: string | null;
  sla: Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>;
  targets?: Record<string, { target: number; floor: number }> | null;
  weights?: Record<string, number> | null;
  calendar?: unknown;
}

export interface VendorRow {
  id: string;
  name: string;
}

export const WEEK_MS = 7 * 86_400_000;
export const weekBefore = (at: string | null) => new Date((at ? Date.parse(at) : Date.now()) - WEEK_MS).toISOString();

export const scorecards = (window: string, at: string | null) => get<ScorecardView[]>(`/scorecards${query({ window, at })}`);
export const scorecard = (id: string, window: string, at: string | null) =>
  get<ScorecardView>(`/scorecards/${encodeURIComponent(id)}${query({ window, at })}`);
export const history = (id: string, window: string, days: number) =>
  get<ScorePoint[]>(`/scorecards/${encodeURIComponent(id)}/history${query({ window, days })}`);
export const vendorScorecard = (id: string, window: string, at: string | null) =>
  get<VendorScorecardView>(`/vendors/${encodeURIComponent(id)}/scorecard${query({ window, at })}`);
export const contracts = () => get<ContractRow[]>('/contracts');
export const vendors = () => get<VendorRow[]>('/vendors');
/** An alert with its acknowledgement (GET /alerts/history). */
export type AlertRecord = AlertView & { acknowledgedAt: string | null; acknowledgedBy: string | null };
export const alertHistory = () => get<AlertRecord[]>('/alerts/history?limit=500');

export interface DimensionPoint {
  at: string;
  score: number | null;
  dimensions: Partial<Record<string, number | null>>;
}
export const dimensionHistory = (id: string, window: string, days: number) =>
  get<DimensionPoint[]>(`/scorecards/${encodeURIComponent(id)}/dimension-history${query({ window, days })}`);
export const evidence = (id: string, window: string, at: string | null) =>
  get<EvidenceRow[]>(`/scorecards/${encodeURIComponent(id)}/evidence${query({ window, at })}`);
