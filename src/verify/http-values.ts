/** Pure judgements on HTTP values (origins, media types), for checks that make no requests themselves. */

/** Whether a URL is on the given origin (scheme, host and port equal). */
export function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/** The media type of a Content-Type value, lower-case, without parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  const t = contentType?.split(';')[0]?.trim().toLowerCase();
  return t ? t : undefined;
}

/** `application/json` or any `+json` type. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return t === 'application/json' || (t?.endsWith('+json') ?? false);
}

/**
 * The first path template placeholder (`{userId}`, also percent-encoded as `%7BuserId%7D`) left in
 * a URL's path: a request built from a template that was not filled. Undefined when there is none.
 */
export function unfilledPlaceholder(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape is not a placeholder; judge the path as it is
  }
  return /\{[^{}/]*\}/.exec(decoded)?.[0];
}
