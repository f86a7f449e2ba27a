#!/bin/sh
echo "semgrep: invalid config" >&2
exit 7
