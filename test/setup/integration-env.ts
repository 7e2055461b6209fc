/**
 * The environment of every integration suite: the tier's own database and no Kafka at all
 * (KAFKA_BROKERS is removed, so anything that would reach a broker fails loudly).
 */
process.env.DATABASE_URL = process.env.TEST_INTEGRATION_DATABASE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'warn';
process.env.DATABASE_POOL_SIZE = '5';
