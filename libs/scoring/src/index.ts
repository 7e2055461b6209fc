export * from './contract-facts';
export * from './scorecard.service';
export * from './scoring.module';
export * from './live-ticket-window';
