import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessDbModule } from '@rapport/db';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionVersionService } from './session-version.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [JwtModule.register({}), AccessDbModule],
  controllers: [AuthController],
  providers: [AuthService, SessionService, SessionVersionService, TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, SessionService, SessionVersionService],
})
export class AuthModule {}
