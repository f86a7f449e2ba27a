#!/bin/sh
# Fixture: stands in for the nuclei binary; prints one high finding (JSONL) for the target it got.
printf '%s\n' '{"template-id":"generic-linux-lfi","info":{"name":"Generic Linux - Local File Inclusion","severity":"high","classification":{"cwe-id":["cwe-22"]}},"type":"http","host":"http://127.0.0.1:8931","matched-at":"http://127.0.0.1:8931/tools/read?path=../../etc/passwd"}'
