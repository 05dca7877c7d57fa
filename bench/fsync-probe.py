#!/usr/bin/env python3
"""What one durable commit costs on this machine's disk: append 4 KiB to a file and fsync it, as SQLite's WAL does at
each commit with synchronous=FULL. 3 trials of 2,000 fsyncs, then the same without fsync for comparison.
Usage: bench/fsync-probe.py [DIR, default target]. Bounded: 6,000 fsyncs at most, the file removed after."""
import os, sys, time

base = sys.argv[1] if len(sys.argv) > 1 else "target"
os.makedirs(base, exist_ok=True)
path = os.path.join(base, "avs-fsync-probe")
page = b"x" * 4096
for sync in (True, False):
    for trial in range(3):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(2000):
            os.write(fd, page)
            if sync:
                os.fsync(fd)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        os.close(fd)
        label = "write + fsync" if sync else "write alone  "
        print(f"{os.path.abspath(base)} {label} trial {trial}: {wall * 1e6 / 2000:7.1f} us wall, {cpu * 1e6 / 2000:6.1f} us CPU each")
os.remove(path)
