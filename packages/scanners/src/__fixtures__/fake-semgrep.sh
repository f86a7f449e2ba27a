#!/bin/sh
# Stands in for semgrep: records its arguments next to itself, prints the recorded output.
dir=$(dirname "$0")
printf '%s\n' "$@" > "$dir/fake-semgrep.args"
cat "$dir/semgrep-output.json"
