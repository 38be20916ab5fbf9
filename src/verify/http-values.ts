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
