export * from './browser';
export * from './event-types';
export * from './canonical-event';
export * from './storable-text';
export * from './topics';
export * from './contract-policy';
export * from './group-by';
export * from './error-cause';
