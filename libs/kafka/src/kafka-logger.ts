import { Logger } from '@nestjs/common';
import { logLevel, LogEntry } from 'kafkajs';

const logger = new Logger('kafkajs');

/**
 * Routes kafkajs logs through the application logger instead of its own console JSON. kafkajs
 * logs at ERROR what it then retries itself (a rebalance, a coordinator still loading, a broker
 * restarting); those are warnings here. What it gives up on reaches our code, which says so.
 */
export const kafkaLogCreator =
  () =>
  ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    switch (level) {
      case logLevel.ERROR:
      case logLevel.NOTHING:
      case logLevel.WARN:
        logger.warn(line);
        return;
      case logLevel.INFO:
        logger.log(line);
        return;
      case logLevel.DEBUG:
        logger.debug(line);
        return;
      default: {
        const unreachable: never = level;
        return unreachable;
      }
    }
  };
