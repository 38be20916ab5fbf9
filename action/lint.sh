#!/usr/bin/env bash
# Step "Lint the documentation pages (SARIF)" of action.yml: lint the user's own pages into
# callconform-lint.sarif. Exit 1 (an error-level finding) is a result for code scanning, not a
# failure of this step; exit 2 (unreadable pages) is.
set -uo pipefail
callconform lint "$INPUT_LINT_PAGES" --format sarif --output callconform-lint.sarif
code=$?
[ "$code" -le 1 ] || exit "$code"
