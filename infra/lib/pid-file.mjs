// Pid files that survive an unclean stop: a recorded pid counts only while that process is
// alive AND is still ours (its command line holds the marker), since after a crash or a reboot
// the number may belong to anything.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** The command line of a process, or undefined when it does not exist. */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** True when `pid` is alive and its command line contains `marker`. */
export function isOurs(pid, marker) {
  return Number.isInteger(pid) && pid > 0 && (commandLine(pid)?.includes(marker) ?? false);
}

/** The pid recorded in `file` if that process is ours; a stale file is removed. */
export function livePid(file, marker) {
  let pid;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (isOurs(pid, marker)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

export function writePid(file, pid) {
  writeFileSync(file, `${pid}\n`);
}

/** Sends `signal`; false when the process is already gone. */
export function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `pid` no longer runs `marker` (or `timeoutMs` passes); true when it is gone. */
export async function waitGone(pid, marker, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (isOurs(pid, marker)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** SIGTERM, then SIGKILL after `graceMs`: returns once the process is gone. */
export async function terminate(pid, marker, graceMs) {
  if (!isOurs(pid, marker)) return;
  signal(pid, 'SIGTERM');
  if (await waitGone(pid, marker, graceMs)) return;
  signal(pid, 'SIGKILL');
  await waitGone(pid, marker, 2000);
}
