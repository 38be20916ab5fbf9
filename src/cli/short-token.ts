/** The warning a short token gets: it is accepted, but redacting it also hides ordinary text. */
import { MIN_SECRET_LENGTH } from '../report/redact.js';

/** Print the warning when `token` is shorter than redaction can tell apart from ordinary text. */
export function warnIfShortToken(token: string | undefined): void {
  if (!token || token.length >= MIN_SECRET_LENGTH) return;
  process.stderr.write(
    `callconform: warning: the token is shorter than ${MIN_SECRET_LENGTH} characters, so it cannot be told apart from ordinary text; every occurrence of it in what the target answers (and in messages quoting it) is shown as [REDACTED]\n`,
  );
}
