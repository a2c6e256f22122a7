import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * One process per embedded store: a lock file holding the owner's pid, created exclusively.
 * PGlite has no lock of its own, and two processes writing one folder corrupt it. A lock left
 * by a process that is gone (killed, machine restarted) is taken over.
 */
export interface ProcessLock {
  release(): void;
}

/** The pid of a live process holding `file`, or null when the lock is free or stale. */
function liveOwner(file: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return null;
  }
  // Our own pid: a restart in a container often gets the same one back; the lock is ours.
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
  // A recycled pid may now be any program: only a Node process can be another server.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node') ? pid : null;
  } catch {
    return pid;
  }
}

/**
 * Takes the lock or returns the pid of the live process holding it.
 */
export function acquireProcessLock(file: string): ProcessLock | { readonly heldBy: number } {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = liveOwner(file);
      if (owner !== null) return { heldBy: owner };
      rmSync(file, { force: true });
    }
  }
  // Two processes raced for a stale lock and the other won.
  const owner = liveOwner(file);
  return { heldBy: owner ?? -1 };
}
