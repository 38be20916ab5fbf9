/** The cloud-communications profile: the graph-full pages whose request lines go to /communications/. */
import { extractProfile, pagesWithRequestLine } from './extract-profile.js';

export function commsPages(): string[] {
  return pagesWithRequestLine(/^(GET|POST|PATCH|DELETE|PUT) .*\/communications\//);
}

export function extractCommsProfile(dir: string): Promise<{ specsDir: string; contractsDir: string }> {
  return extractProfile(commsPages(), 'comms', dir);
}
