import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { Figure } from './figures';
import type { Load, Machine } from './machine';

/** What one measurement reports: its figures, and the raw numbers behind them. */
export interface MeasurementResult {
  figures: Figure[];
  data: Record<string, unknown>;
  /** Kept apart from the same measurement at other sizes (e.g. `1000000 events` of the replay). */
  variant?: string;
}

export interface MeasurementRecord extends MeasurementResult {
  commit: string;
  startedAt: string;
  seconds: number;
  loadBefore: Load;
  loadAfter: Load;
}

export interface ResultsFile {
  date: string;
  machine: Machine;
  measurements: Record<string, MeasurementRecord>;
}

export const resultsPath = (date: string): string => `bench/results/${date}.json`;

/** Adds this run's measurements to the day's file, replacing the same measurements of an earlier run that day. */
export async function saveResults(machine: Machine, measurements: Record<string, MeasurementRecord>): Promise<string> {
  const date = new Date().toISOString().slice(0, 10);
  const path = resultsPath(date);
  const previous: ResultsFile | undefined = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile) : undefined;
  const file: ResultsFile = { date, machine, measurements: { ...previous?.measurements, ...measurements } };
  mkdirSync('bench/results', { recursive: true });
  // Formatted as the repository's Prettier does, so that a committed results file passes `npm run lint`.
  writeFileSync(path, await format(JSON.stringify(file), { ...(await resolveConfig(path)), parser: 'json' }));
  return path;
}
