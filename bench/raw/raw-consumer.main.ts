/**
 * The baseline consumer in a process of its own, so that its peak RSS can be set beside the
 * pipeline's: started by raw-consumer-process.ts with its options as JSON in argv[2]; says over IPC
 * when it got its first message, then reports its result and VmHWM, and exits.
 */
import { peakRssBytes } from '../support/process-memory';
import { consumeRaw, RawConsumeOptions } from './raw-consumer';

const options = JSON.parse(process.argv[2]) as RawConsumeOptions;
let reading = false;
const onMessage = () => {
  if (!reading) process.send!({ reading: (reading = true) });
};
consumeRaw(options, { onMessage }).then(
  (result) => process.send!({ result, peakRssBytes: peakRssBytes(process.pid) }, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
