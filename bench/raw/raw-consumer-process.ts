import { fork } from 'node:child_process';
import { onCleanup } from '../support/cleanup';
import type { RawConsumeOptions, RawConsumeResult } from './raw-consumer';

export interface RawConsumerResult extends RawConsumeResult {
  peakRssBytes: number;
}

/**
 * Runs the baseline consumer as a child process (the bundle next to this one): `reading` settles
 * once it got its first message, `finished` with its result and peak RSS.
 */
export function startRawConsumerProcess(options: RawConsumeOptions): { reading: Promise<void>; finished: Promise<RawConsumerResult> } {
  const child = fork(`${__dirname}/raw-consumer.main.js`, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const forget = onCleanup('raw consumer', async () => {
    child.kill('SIGKILL');
  });
  let onFirst!: () => void;
  const reading = new Promise<void>((resolve) => (onFirst = resolve));
  const finished = new Promise<RawConsumerResult>((resolve, reject) => {
    child.on('message', (message: { reading?: true; result?: RawConsumeResult; peakRssBytes?: number }) => {
      if (message.reading) onFirst();
      if (message.result) resolve({ ...message.result, peakRssBytes: message.peakRssBytes ?? 0 });
    });
    child.once('exit', (code) => {
      void forget();
      reject(new Error(`raw consumer exited with code ${code} before it finished`));
    });
  });
  return { reading: Promise.race([reading, finished.then(() => undefined)]), finished };
}
