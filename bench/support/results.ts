import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from './figures';
import type { Load, Machine } from './machine';

/** What one measurement reports: its figures, and the raw numbers behind them. */
export interface MeasurementResult {
  figures: Figure[];
  data: Record<string, unknown>;
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
export function saveResults(machine: Machine, measurements: Record<string, MeasurementRecord>): string {
  const date = new Date().toISOString().slice(0, 10);
  const path = resultsPath(date);
  const previous: ResultsFile | undefined = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile) : undefined;
  const file: ResultsFile = { date, machine, measurements: { ...previous?.measurements, ...measurements } };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}
