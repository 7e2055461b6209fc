import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@rapport/config';
import { ContractInput, ContractRepository, ContractRow, DbModule } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { PipelineModule } from '../../../apps/pipeline/src/pipeline.module';
import { STANDARD_SLA } from '../../support/fixtures';
import { RecordingKafka } from './recording-kafka';
import { Sql } from './sql';

/**
 * The real DbModule on the tier's database, plain SQL beside it for assertions, and fresh
 * contracts (each under a vendor of its own, so suites never share data).
 */
export class TestDatabase {
  protected constructor(
    readonly module: TestingModule,
    readonly sql: Sql,
  ) {}

  static async open(): Promise<TestDatabase> {
    const module = await Test.createTestingModule({ imports: [ConfigModule, DbModule] }).compile();
    return new TestDatabase(module, await Sql.connect());
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.module.get(type);
  }

  async newVendor(): Promise<string> {
    const { id } = await this.sql.one<{ id: string }>(`INSERT INTO "Vendor" (id, name) VALUES (gen_random_uuid(), $1) RETURNING id`, [
      `Vendor ${randomUUID()}`,
    ]);
    return id;
  }

  /** A contract on the standard SLA, in calendar minutes, with the default targets and weights. */
  async newContract(input: Partial<ContractInput> = {}): Promise<ContractRow> {
    return this.get(ContractRepository).create({
      vendorId: input.vendorId ?? (await this.newVendor()),
      name: `Contract ${randomUUID().slice(0, 8)}`,
      serviceType: 'it_support',
      startsAt: new Date('2026-01-01T00:00:00Z'),
      sla: STANDARD_SLA,
      ...input,
    });
  }

  async close(): Promise<void> {
    await this.sql.end();
    await this.module.close();
  }
}

/**
 * The pipeline's real module on the tier's database with Kafka replaced by a recording fake.
 * The module is compiled but not started: no consumers, schedules or metrics listener run, so
 * each test drives the services through their entry points itself.
 */
export class PipelineUnderTest extends TestDatabase {
  private constructor(
    module: TestingModule,
    sql: Sql,
    readonly kafka: RecordingKafka,
  ) {
    super(module, sql);
  }

  static override async open(): Promise<PipelineUnderTest> {
    const kafka = new RecordingKafka();
    const module = await Test.createTestingModule({ imports: [PipelineModule] })
      .overrideProvider(KafkaService)
      .useValue(kafka)
      .compile();
    return new PipelineUnderTest(module, await Sql.connect(), kafka);
  }
}
