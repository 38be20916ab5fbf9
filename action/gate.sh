#!/usr/bin/env bash
# Step "Gate on the verdict" of action.yml: fail the job with verify's exit code and say why.
set -uo pipefail
case "${EXIT_CODE:-}" in
  0) echo "callconform: conformant" ;;
  1) echo "::error title=callconform::not conformant: a MUST check failed or could not be judged, not accepted by the baseline if one is given (see the job summary and the reports artifact)"; exit 1 ;;
  2) echo "::error title=callconform::usage or configuration error (see the Certify step's log)"; exit 2 ;;
  3) echo "::error title=callconform::target unreachable (deploy or start the implementation first)"; exit 3 ;;
  *) echo "::error title=callconform::verify did not finish (exit '${EXIT_CODE:-}')"; exit 1 ;;
esac
