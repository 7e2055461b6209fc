import { Global, Module } from '@nestjs/common';
import { AlertRepository } from './alert.repository';
import { ClockCheckpointRepository } from './clock-checkpoint.repository';
import { ContractRepository } from './contract.repository';
import { EventStoreRepository } from './event-store.repository';
import { HistoryMarkRepository } from './history-mark.repository';
import { PrismaService } from './prisma.service';
import { ProjectionRepository } from './projection.repository';
import { ProjectionVersionRepository } from './projection-version.repository';
import { QuarantineRepository } from './quarantine.repository';
import { SnapshotRepository } from './snapshot.repository';
import { pgPoolProvider } from './sql/pg-pool';
import { SqlDatabase } from './sql/sql-database';
import { UserRepository } from './user.repository';
import { VendorRepository } from './vendor.repository';
import { WorkerHeartbeatRepository } from './worker-heartbeat.repository';

const repositories = [
  AlertRepository,
  ClockCheckpointRepository,
  ContractRepository,
  EventStoreRepository,
  HistoryMarkRepository,
  ProjectionRepository,
  ProjectionVersionRepository,
  QuarantineRepository,
  SnapshotRepository,
  UserRepository,
  VendorRepository,
  WorkerHeartbeatRepository,
];

@Global()
@Module({
  providers: [pgPoolProvider, PrismaService, SqlDatabase, ...repositories],
  exports: [PrismaService, SqlDatabase, ...repositories],
})
export class DbModule {}
