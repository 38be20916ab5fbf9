import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Default folder for specs/ or contracts/: the one in the working directory (a checkout, a docs
 * repository), else the one shipped inside the installed package, so `npx callconform serve`
 * and `verify` work from any folder.
 */
export function dataDir(name: 'specs' | 'contracts' | 'contracts/pacts'): string {
  if (existsSync(name)) return name;
  const shipped = fileURLToPath(new URL(`../../${name}`, import.meta.url));
  return existsSync(shipped) ? shipped : name;
}
