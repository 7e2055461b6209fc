/** Ticket priorities, most urgent first; a contract has SLA targets for each. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
