#!/usr/bin/env python3
"""Test adapter: answers per the contract, or misbehaves as its first argument says (for the adapter tests).

Modes: ok, exit3, hang, hang-ignoring-sigterm, garbage, flood, number-data, no-data, no-proof, version2, retryable,
refuse, orphan (leaves a child process running), env (reports its environment), pid (reports its pid; with --lines
a persistent process), crash-after-one (persistent: answers once, then exits on reading the next request), invalid-verdict, slow-start,
twice (persistent: answers every request twice), deaf (persistent: never reads its input).
"""
import json
import os
import signal
import subprocess
import sys
import time

MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"


def answer(request):
    if MODE == "garbage":
        return "this is not json"
    if MODE == "number-data":
        return {"data": 42, "proof": {}}
    if MODE == "no-data":
        return {"proof": {}}
    if MODE == "no-proof":
        return {"data": "0x01"}
    if MODE == "version2":
        return {"version": 2, "data": "0x01", "proof": {}}
    if MODE == "retryable":
        return {"error": {"message": "upstream busy", "retryable": True}}
    if MODE == "refuse":
        return {"error": {"message": "cannot do this", "retryable": False}}
    if MODE == "invalid-verdict":
        return {"valid": "yes"}
    if MODE == "env":
        return {"data": {"utf8": json.dumps(dict(os.environ), sort_keys=True)}, "proof": None}
    if MODE == "pid":
        return {"data": {"utf8": str(os.getpid())}, "proof": {"input": request.get("input")}}
    if request.get("op") == "validate":
        ok = request.get("proof", {}).get("echo") == request.get("input")
        return {"valid": ok, "reason": "the proof echoes the input" if ok else "the proof does not echo the input"}
    return {"data": "0xc0ffee", "proof": {"echo": request.get("input")}}


def reply(request):
    result = answer(request)
    return result if isinstance(result, str) else json.dumps(result)


if MODE == "hang-ignoring-sigterm":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
if MODE in ("hang", "hang-ignoring-sigterm"):
    sys.stdin.readline()
    time.sleep(300)
if MODE == "deaf":
    time.sleep(300)
if MODE == "slow-start":
    time.sleep(0.3)
if MODE == "exit3":
    sys.stdin.read()
    sys.stderr.write("something went wrong\nsecond line\n")
    sys.exit(3)
if MODE == "flood":
    sys.stdin.read()
    chunk = "x" * 65536
    for _ in range(1600):  # 100 MiB
        sys.stdout.write(chunk)
    sys.exit(0)
if MODE == "orphan":
    subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=False)
if "--lines" in sys.argv:
    answered = 0
    for line in sys.stdin:
        if MODE == "crash-after-one" and answered == 1:
            sys.exit(1)  # dies with the second request in hand: mid-call, whatever the timing of the calls
        print(reply(json.loads(line)), flush=True)
        if MODE == "twice":
            print(json.dumps({"data": "0xdead", "proof": "an answer nobody asked for"}), flush=True)
        answered += 1
else:
    print(reply(json.loads(sys.stdin.read())))
