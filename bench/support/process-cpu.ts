import { readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every architecture Node runs on here. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) a live process has used so far, in milliseconds; undefined once it has gone. */
export function cpuMilliseconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: fields are counted after its closing one (state is field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime] = [fields[14 - 3], fields[15 - 3]].map(Number);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU microseconds per event between two readings of the same process(es). */
export const cpuMicrosPerEvent = (beforeMs: number, afterMs: number, events: number): number =>
  Math.round(((afterMs - beforeMs) * 1000) / events);

/** CPU time all cores of the machine have spent busy so far (anything but idle and I/O wait), in milliseconds. */
export function machineBusyMilliseconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
}
