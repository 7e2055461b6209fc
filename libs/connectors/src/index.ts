export * from './connector-types';
export * from './finalize-events';
export * from './parse-delivery';
export * from './priority-rules';
export * from './webhook-signatures';
export { csatOf } from './zendesk.connector';
