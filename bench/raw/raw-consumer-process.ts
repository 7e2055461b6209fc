import { fork } from 'node:child_process';
import { onCleanup } from '../support/cleanup';
import type { RawConsumeOptions, RawConsumeResult } from './raw-consumer';

export interface RawConsumerRun {
  /** Resolves once the consumer has joined its group (and so will see what is produced next). */
  joined: Promise<void>;
  finished: Promise<RawConsumeResult & { peakRssBytes: number }>;
}

/** Runs the baseline consumer as a child process (the bundle next to this one). */
export function startRawConsumerProcess(options: RawConsumeOptions): RawConsumerRun {
  const child = fork(`${__dirname}/raw-consumer.main.js`, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const forget = onCleanup('raw consumer', async () => {
    child.kill('SIGKILL');
  });
  let joined!: () => void;
  const joinedPromise = new Promise<void>((resolve) => (joined = resolve));
  const finished = new Promise<RawConsumeResult & { peakRssBytes: number }>((resolve, reject) => {
    child.on('message', (message: { joined?: boolean; result?: RawConsumeResult; peakRssBytes?: number }) => {
      if (message.joined) joined();
      if (message.result) resolve({ ...message.result, peakRssBytes: message.peakRssBytes ?? 0 });
    });
    child.once('exit', (code) => {
      void forget();
      reject(new Error(`raw consumer exited with code ${code} before it finished`));
    });
  });
  return { joined: joinedPromise, finished };
}
