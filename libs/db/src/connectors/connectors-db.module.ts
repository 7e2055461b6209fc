import { Module } from '@nestjs/common';
import { ConnectorSecretRepository } from './connector-secret.repository';
import { ConnectorSourceRepository } from './connector-source.repository';
import { VendorAccountRepository } from './vendor-account.repository';

const repositories = [ConnectorSourceRepository, VendorAccountRepository, ConnectorSecretRepository];

/** The connectors' tables; PrismaService comes from the global DbModule. */
@Module({ providers: repositories, exports: repositories })
export class ConnectorsDbModule {}
