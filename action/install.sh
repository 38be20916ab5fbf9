#!/usr/bin/env bash
# Step "Install callconform" of action.yml: install the action's own checkout (its package-lock,
# its build) and put a `callconform` command on PATH. Runs in GitHub Actions and, for the tests,
# locally (GITHUB_ACTION_PATH = the repository, GITHUB_PATH and RUNNER_TEMP = temp files).
set -euo pipefail
: "${GITHUB_ACTION_PATH:?}" "${GITHUB_PATH:?}" "${RUNNER_TEMP:?}"
if [ "${CALLCONFORM_SKIP_NPM_CI:-}" != 1 ]; then
  # npm ci runs the package's prepare script, which builds dist/.
  (cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund --loglevel=error)
fi
bin="$RUNNER_TEMP/callconform-bin"
mkdir -p "$bin"
printf '#!/bin/sh\nexec node "%s/bin/callconform.js" "$@"\n' "$GITHUB_ACTION_PATH" > "$bin/callconform"
chmod +x "$bin/callconform"
echo "$bin" >> "$GITHUB_PATH"
"$bin/callconform" --version
