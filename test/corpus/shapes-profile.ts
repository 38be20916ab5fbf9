/**
 * A profile with every operation shape the comms profile lacks: lists (one paged by `$top`, one
 * under a path parameter), creates and deletes at the root and under a parent, an update, a get
 * under two path parameters — the graph-full pages for applications, their extension properties
 * and chat messages.
 */
import { extractProfile, pagesWithRequestLine } from './extract-profile.js';

export function shapesPages(): string[] {
  return pagesWithRequestLine(/^(GET|POST|PATCH|DELETE) \/(applications(\/\{id\}(\/extensionProperties(\/\{id\})?)?)?|chats\/\{chat-id\}\/messages(\/\{message-id\})?)$/);
}

export function extractShapesProfile(dir: string): Promise<{ specsDir: string; contractsDir: string }> {
  return extractProfile(shapesPages(), 'shapes', dir);
}
