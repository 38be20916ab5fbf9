#!/usr/bin/env bash
# Step "Certify" of action.yml: run `callconform verify` with the action's inputs (INPUT_* and
# CALLCONFORM_TOKEN in the environment, so no value is ever part of a command line), keep the
# exit code, and publish outputs (verdict, exit-code, summary, reports) and the run's summary.md
# as the job summary. Never fails itself: the "Gate on the verdict" step does.
set -uo pipefail
: "${GITHUB_OUTPUT:?}" "${GITHUB_STEP_SUMMARY:?}"
reports="${INPUT_REPORTS:-callconform-reports}"
args=(verify --reports "$reports")
[ -n "${INPUT_TARGET:-}" ] && args+=(--target "$INPUT_TARGET")
[ -n "${INPUT_STATE_URL:-}" ] && args+=(--state-url "$INPUT_STATE_URL")
[ -n "${INPUT_CALL_ID:-}" ] && args+=(--call-id "$INPUT_CALL_ID")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
read -r -a profiles <<< "${INPUT_PROFILE//,/ }"
[ "${#profiles[@]}" -gt 0 ] && args+=(--profile "${profiles[@]}")
read -r -a extra <<< "${INPUT_ARGS:-}"
[ "${#extra[@]}" -gt 0 ] && args+=("${extra[@]}")

if [ -z "${CALLCONFORM_TOKEN:-}" ]; then
  echo "::warning title=callconform::no token: requests go without Authorization (pull requests from forks get no secrets); checks that need one will fail"
fi

log="$(mktemp)"
callconform "${args[@]}" 2>&1 | tee "$log"
code="${PIPESTATUS[0]}"

verdict="$(sed -n 's/^overall  *\([a-z-]*\).*/\1/p' "$log" | tail -n 1)"
summary="$(sed -n 's/^run summary: \(.*\) (and index\.html)$/\1/p' "$log" | tail -n 1)"
{
  echo "exit-code=$code"
  echo "verdict=${verdict:-not-run}"
  echo "summary=$summary"
  echo "reports=$reports"
} >> "$GITHUB_OUTPUT"

if [ -n "$summary" ] && [ -f "$summary" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
else
  {
    echo "# ⚠️ callconform: no verdict (exit $code)"
    echo
    echo '```'
    tail -n 20 "$log"
    echo '```'
  } >> "$GITHUB_STEP_SUMMARY"
fi
rm -f "$log"
exit 0
