/**
 * Whether a process of this PC has ended (killed, crashed): signal 0 tests for it without touching
 * it. Only "no such process" counts as gone; a process we may not signal (EPERM) still runs.
 */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
