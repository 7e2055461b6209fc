import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** How far a scheduled scan has got, kept in the database so that a restart resumes where it stopped. */
@Injectable()
export class ClockCheckpointRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(name: string): Promise<Date | null> {
    const row = await this.prisma.clockCheckpoint.findUnique({ where: { name } });
    return row?.until ?? null;
  }

  /** Moves the checkpoint forward to `until` (never back: another instance may have gone further). */
  async advance(name: string, until: Date): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO "ClockCheckpoint" ("name", "until") VALUES (${name}, ${until})
      ON CONFLICT ("name") DO UPDATE SET "until" = GREATEST("ClockCheckpoint"."until", EXCLUDED."until")`;
  }
}
