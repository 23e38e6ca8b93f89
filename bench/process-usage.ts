// Resident memory and CPU time of a process, from /proc (Linux): the current
// size and the peak since the last reset, so the peak of one step (a load) can
// be read apart from what the process did before it; CPU time, which unlike
// wall time does not grow when other work shares the machine.
import { readFileSync, writeFileSync } from 'node:fs';

function status(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

export const residentBytes = (pid: number | 'self' = 'self') => status(pid, 'VmRSS');
export const peakResidentBytes = (pid: number | 'self' = 'self') => status(pid, 'VmHWM');

/** Sets the peak back to the current size (Linux ≥ 4.0; needs to own the process). */
export function resetPeakResident(pid: number | 'self' = 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Full collection when the process runs with --expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

export const mib = (bytes: number) => Math.round(bytes / 1048576);

/** CPU time (user + system) a process has used, in ms. */
export function cpuMs(pid: number | 'self' = 'self'): number {
  if (pid === 'self') {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  // Fields 14 and 15 of stat (utime, stime), counted from after the command name, in clock ticks (100 per second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
