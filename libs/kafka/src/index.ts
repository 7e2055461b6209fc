export * from './broker-errors';
export * from './kafka.service';
export * from './kafka.module';
export type { BatchMembership, ConsumerOptions, ConsumerStatus, SupervisedConsumer } from './supervised-consumer';
export * from './event-records';
