/** What `npm run replay` prints once the projections and live scorecards are stored (the bench waits for it). */
export const READY_LINE = 'replay: projections and live scorecards stored';
