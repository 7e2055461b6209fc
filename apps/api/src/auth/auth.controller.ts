import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';

const loginSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @DocumentBody(loginSchema)
  login(@ValidBody(loginSchema) body: z.infer<typeof loginSchema>): Promise<{ accessToken: string }> {
    return this.auth.login(body.email, body.password);
  }
}
