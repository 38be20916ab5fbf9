/**
 * A temporary folder that does not outlive its process: removed when the work ends, when the
 * process is stopped by SIGINT or SIGTERM, and, after a SIGKILL (which nothing can catch), by
 * the next run, which removes every folder of this prefix whose process is gone.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but is another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove `<prefix><pid>-*` folders in the temp folder whose process no longer runs. */
export function removeStaleTempFolders(prefix: string, root = tmpdir()): string[] {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Run `work` with a fresh folder `<tmp>/<prefix><pid>-XXXXXX`, removed however the run ends. */
export async function withTempFolder<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  removeStaleTempFolders(prefix);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals): void => {
    remove();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    // Die of the same signal, as the process would have without this handler.
    process.kill(process.pid, signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    return await work(dir);
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    remove();
  }
}
