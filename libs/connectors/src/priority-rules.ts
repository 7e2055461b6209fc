import { PRIORITIES, type Priority } from '@rapport/contracts';

/** The priority a ticket gets when its tool says nothing usable. */
export const DEFAULT_PRIORITY: Priority = 'P3';

const WORDS: Record<string, Priority> = {
  blocker: 'P1',
  critical: 'P1',
  urgent: 'P1',
  highest: 'P1',
  high: 'P2',
  major: 'P2',
  medium: 'P3',
  normal: 'P3',
  moderate: 'P3',
  low: 'P4',
  lowest: 'P4',
  minor: 'P4',
  trivial: 'P4',
  planning: 'P4',
};

/** A level 1..n (1 most urgent) onto P1..P4; levels beyond 4 are P4. */
export function priorityFromLevel(level: number): Priority | null {
  if (!Number.isInteger(level) || level < 1) return null;
  return PRIORITIES[Math.min(level, PRIORITIES.length) - 1];
}

/** A tool's priority name (Jira "Highest", Zendesk "URGENT") onto P1..P4, or null if unknown. */
export function priorityFromName(name: string | null | undefined): Priority | null {
  return WORDS[(name ?? '').trim().toLowerCase()] ?? null;
}

/**
 * A GitHub issue's labels onto P1..P4: `P1`, `p2`, `priority:high`, `priority/1`, `sev1`,
 * `severity: critical`, `critical`... The most urgent label wins; none gives null.
 */
export function priorityFromLabels(labels: string[]): Priority | null {
  const found = labels.map(priorityFromLabel).filter((p): p is Priority => p !== null);
  return found.length ? found.sort()[0] : null;
}

function priorityFromLabel(label: string): Priority | null {
  const l = label.trim().toLowerCase();
  const level = /^(?:p|prio(?:rity)?\s*[:/=-]?\s*p?|sev(?:erity)?\s*[:/=-]?\s*)([0-9])$/.exec(l);
  if (level) return priorityFromLevel(Math.max(1, Number(level[1])));
  const word = /^(?:(?:prio(?:rity)?|sev(?:erity)?)\s*[:/=-]?\s*)?([a-z]+)$/.exec(l);
  if (!word) return null;
  // A bare word only counts when it cannot mean anything else ("low" alone could be a size).
  const prefixed = word[1] !== l;
  const value = WORDS[word[1]] ?? null;
  return prefixed || ['blocker', 'critical', 'urgent'].includes(word[1]) ? value : null;
}
