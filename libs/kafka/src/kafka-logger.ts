import { Logger } from '@nestjs/common';
import { logLevel, LogEntry } from 'kafkajs';

const logger = new Logger('kafkajs');

/** Routes kafkajs logs through the application logger instead of its own console JSON. */
export const kafkaLogCreator =
  () =>
  ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    switch (level) {
      case logLevel.ERROR:
      case logLevel.NOTHING:
        logger.error(line);
        return;
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
