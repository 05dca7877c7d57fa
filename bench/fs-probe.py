#!/usr/bin/env python3
"""How fast this machine's disk creates small files the way the embedded proof store does (write a temp file,
rename it into place): 4 trials of 50,000 files of 250 bytes. Usage: bench/fs-probe.py [DIR, default /tmp].
Bounded: 200,000 files at most, each trial's directory removed after it."""
import os, shutil, sys, time

base = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
for trial in range(4):
    d = os.path.join(base, "avs-fs-probe")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    wall, cpu = time.time(), time.process_time()
    for i in range(50_000):
        tmp, final = os.path.join(d, f".{i}.tmp"), os.path.join(d, f"Qm{i:044d}")
        with open(tmp, "wb") as f:
            f.write(b"x" * 250)
        os.rename(tmp, final)
    print(f"{base} trial {trial}: {50_000 / (time.time() - wall):.0f} files/s, "
          f"CPU {(time.process_time() - cpu) * 1e6 / 50_000:.0f} us per file")
    shutil.rmtree(d)
