export * from './connector-types';
export * from './finalize-events';
export * from './parse-delivery';
export * from './priority-rules';
export * from './webhook-signatures';
export { csatOf } from './zendesk.connector';
export { SERVICENOW_TIME_ZONE_HEADER } from './servicenow.connector';
export { timeZoneProblem } from './servicenow-values';
export { ZENDESK_TRIGGER_BODY_TEMPLATE } from './zendesk-trigger.connector';
