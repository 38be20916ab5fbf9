/** Where a profile keeps the service's metadata: `specs/sources/<profile>/metadata.xml`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../spec/display-path.js';
import type { CsdlModel } from './model.js';
import { readCsdl } from './read-csdl.js';

export const PROFILE_METADATA_FILE = 'metadata.xml';

/** The profile's metadata file under the sources folder, when it has one. */
export function profileMetadataFile(sourcesDir: string, profile: string): string | undefined {
  const file = join(sourcesDir, profile, PROFILE_METADATA_FILE);
  return existsSync(file) ? file : undefined;
}

/**
 * Which metadata a run compares each profile with: one file given by the user for every profile
 * (`--metadata FILE`), none (`--no-metadata`), or each profile's own file under the sources
 * folder. Each file is read once, on first use.
 */
export function metadataResolver(option: string | boolean, sourcesDir: string): ((profile: string) => CsdlModel | undefined) | undefined {
  if (option === false) return undefined;
  const cache = new Map<string, CsdlModel>();
  const read = (file: string): CsdlModel => {
    const model = cache.get(file) ?? readCsdl(file, displayPath(file));
    cache.set(file, model);
    return model;
  };
  if (typeof option === 'string') {
    const model = read(option);
    return () => model;
  }
  return (profile) => {
    const file = profileMetadataFile(sourcesDir, profile);
    return file ? read(file) : undefined;
  };
}
