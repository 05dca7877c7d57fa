#!/usr/bin/env python3
"""The cheapest process adapter there is, for bench/load.sh BENCH_TASK=persistent-adapter|process-adapter: the same
small data and proof for every execute, true for every validate. With --lines, a persistent process (JSON lines)."""
import sys

ANSWER = '{"data":"0x2a","proof":{"trivial":true}}'
VALID = '{"valid":true,"reason":"trivial"}'

if "--lines" in sys.argv:
    for line in sys.stdin:
        sys.stdout.write((VALID if '"op":"validate"' in line else ANSWER) + "\n")
        sys.stdout.flush()
else:
    request = sys.stdin.read()
    sys.stdout.write(VALID if '"op":"validate"' in request else ANSWER)
