#!/bin/sh
dir=$(dirname "$0")
printf '%s\n' "$@" > "$dir/fake-nuclei.args"
cat "$dir/nuclei-output.jsonl"
