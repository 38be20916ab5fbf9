/** The report stage: pure renderers of a `Report` and one writer (see README section "Reports"). */
export type { CheckName, CheckResult, Evidence, Report, ResultVerdict, RunVerdict } from './result.js';
export { summarize, deriveVerdict, overallVerdict } from './verdict.js';
export { runIdFor, safePathSegment } from './run-id.js';
export { REDACTED, SENSITIVE_HEADERS, redactSecrets, redactReport, type RedactionOptions } from './redact.js';
export { renderReportJson } from './report-json.js';
export { renderJunitXml } from './junit.js';
export { renderSummaryMarkdown, JOB_SUMMARY_LIMIT, type SummaryOptions } from './summary.js';
export { renderHtml } from './html.js';
export { formatVerdictTable, type ReportLocation } from './verdict-table.js';
export { writeReports, type WrittenReport, type WriteOptions } from './write-reports.js';
export { checkReport, reportSchema } from './validate-report.js';
