#!/usr/bin/env bash
# The run step of the newslint GitHub Action (action.yml): one newslint run
# writes the annotations for the pull request and, when asked, a SARIF log.
# Inputs come from the environment: NEWSLINT (the binary), INPUT_PATHS,
# INPUT_CONFIG, INPUT_FAIL_ON, INPUT_SARIF, INPUT_ARGS. Exits with
# newslint's status (0 clean, 1 findings at or above fail-on, 2 the run
# failed).
set -uo pipefail
shopt -s globstar nullglob

# Splits a string into words as a shell would quote them ('a b', "a b",
# a\ b), without running anything in it: xargs does the quoting.
split() {
  local -n into=$1
  into=()
  [ -n "${2//[[:space:]]/}" ] || return 0
  if ! printf '%s' "$2" | xargs printf '' 2>/dev/null; then
    echo "newslint action: cannot split \`$2\` into words (an unmatched quote?)" >&2
    exit 2
  fi
  mapfile -d '' into < <(printf '%s' "$2" | xargs printf '%s\0')
}

split raw_paths "${INPUT_PATHS:-.}"
split extra "${INPUT_ARGS:-}"

# Globs in `paths` (articles/**/*.md) are expanded here, as a shell would;
# one that matches nothing is an error, not a silent pass.
paths=()
for path in "${raw_paths[@]}"; do
  if [[ $path == *[*?[]* ]]; then
    # Pathname expansion only: no word splitting of the pattern.
    old_ifs=$IFS
    IFS=
    # shellcheck disable=SC2206
    matched=($path)
    IFS=$old_ifs
    if [ ${#matched[@]} -eq 0 ]; then
      echo "newslint action: no file matches \`$path\` in paths" >&2
      exit 2
    fi
    paths+=("${matched[@]}")
  else
    paths+=("$path")
  fi
done
[ ${#paths[@]} -gt 0 ] || paths=(.)

args=(check --format github)
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  args+=(--fail-on "$INPUT_FAIL_ON")
fi
if [ -n "${INPUT_SARIF:-}" ]; then
  # The log's folder is made here: a workflow names it, newslint writes in it.
  mkdir -p -- "$(dirname -- "$INPUT_SARIF")"
  args+=(--also "sarif=$INPUT_SARIF")
fi

exec "$NEWSLINT" "${args[@]}" "${extra[@]}" -- "${paths[@]}"
