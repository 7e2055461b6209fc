import { Module } from '@nestjs/common';
import { AccessDbModule } from '@rapport/db';
import { AuthModule } from '../auth/auth.module';
import { ContractsController } from './contracts.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { VendorsController } from './vendors.controller';

/** What admins set up: vendors, contracts and users (whose changes end sessions, hence AuthModule). */
@Module({
  imports: [AccessDbModule, AuthModule],
  controllers: [VendorsController, ContractsController, UsersController],
  providers: [UsersService],
})
export class AdminModule {}
