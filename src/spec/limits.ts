/**
 * Bounds that more than one stage applies to what a spec says (docs/security.md, "Limits").
 * Kept with the spec model so lint can report what compile will do without importing it.
 */

/**
 * The longest string a contract sends to test a documented maxLength (`maxLength` and
 * `maxLength + 1` characters). A page may document far more ("Max limit is 1000000000 chars");
 * such a limit stays in the schemas, but the pact leaves out its two length interactions and
 * lint reports `max-length-unsendable`.
 */
export const MAX_SENT_STRING_LENGTH = 1_048_576;
