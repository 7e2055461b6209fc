import { Inject, Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { UserRepository } from '@rapport/db';
import { hashPassword, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';

// Compared against when the e-mail is unknown, so both failures take the same time.
const DUMMY_HASH = hashPassword('rapport-timing-equaliser');

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<{ accessToken: string }> {
    const user = await this.users.findCredentials(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !valid) throw new UnauthorizedException('wrong e-mail or password');
    return { accessToken: await this.tokens.sign({ userId: user.id, role: user.role, vendorId: user.vendorId }) };
  }

  /** First start: create the admin named by ADMIN_EMAIL / ADMIN_PASSWORD if no user has that e-mail. */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    if (await this.users.findCredentials(email)) return;
    await this.users.create({ email, passwordHash: await hashPassword(password), role: 'admin' });
    this.logger.log(`created the first admin ${email}`);
  }
}
