#!/usr/bin/env bash
# The run step of the newslint GitHub Action (action.yml): annotations for
# the pull request, then, when asked, a SARIF log. Inputs come from the
# environment: NEWSLINT (the binary), INPUT_PATHS, INPUT_CONFIG,
# INPUT_FAIL_ON, INPUT_SARIF, INPUT_ARGS. Exits with newslint's status
# (0 clean, 1 findings at or above fail-on, 2 the run failed).
set -uo pipefail

read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
common=()
if [ -n "${INPUT_CONFIG:-}" ]; then
  common+=(--config "$INPUT_CONFIG")
fi

fail_on=()
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  fail_on=(--fail-on "$INPUT_FAIL_ON")
fi

status=0
"$NEWSLINT" check --format github "${common[@]}" "${fail_on[@]}" "${extra[@]}" "${paths[@]}" || status=$?

if [ -n "${INPUT_SARIF:-}" ]; then
  sarif_status=0
  "$NEWSLINT" check --format sarif --fail-on never "${common[@]}" "${extra[@]}" "${paths[@]}" \
    > "$INPUT_SARIF" || sarif_status=$?
  if [ "$sarif_status" -ne 0 ]; then
    echo "newslint: the SARIF run failed (status $sarif_status)" >&2
    status=2
  fi
fi
exit "$status"
