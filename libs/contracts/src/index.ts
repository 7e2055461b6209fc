export * from './event-types';
export * from './canonical-event';
export * from './storable-text';
export * from './topics';
export * from './scorecard';
export * from './socket-events';
export * from './contract-policy';
