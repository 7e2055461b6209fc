/**
 * The contracts without their zod schemas: vocabulary, shared rules and view types. The
 * dashboard bundles this part only (apps/dashboard/build.mjs aliases @rapport/contracts here).
 */
export * from './scorecard';
export * from './evidence-row';
export * from './socket-events';
export * from './health-bands';
export * from './kpi-catalogue';
export * from './roles';
export * from './priorities';
