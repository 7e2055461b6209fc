export * from './contract-facts';
export * from './scorecard.service';
export * from './scoring.module';
export * from './ticket-windows';
