import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessDbModule } from '@rapport/db';
import { SecurityModule } from '../security/security.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionVersionService } from './session-version.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/**
 * Sign-in, sessions and access tokens, and the global guard that checks them on every route.
 * Modules that verify tokens (live sockets) or end sessions (user admin) import it.
 */
@Module({
  imports: [JwtModule.register({}), AccessDbModule, SecurityModule],
  controllers: [AuthController],
  providers: [AuthService, SessionService, SessionVersionService, TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, SessionVersionService],
})
export class AuthModule {}
