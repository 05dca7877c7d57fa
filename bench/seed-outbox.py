#!/usr/bin/env python3
"""Seeds an outbox with finished (acknowledged) tasks, written directly as rows, for bench/scale.sh.

The outbox must exist and be migrated (start the service on it once, or run `avs tasks` against it). Rows look like the
service's own: a UUID, the proof's CID, the price as data, sendTask params of the usual size, times spread over
--age-days ending --finished-days-ago ago. task_counts is brought up to date in the same run.

  bench/seed-outbox.py --sqlite data/outbox.db --tasks 10000000
  bench/seed-outbox.py --postgres postgres://bench@127.0.0.1:5432/bench --tasks 10000000

Prints progress every million rows. Bounded by --tasks.
"""
import argparse
import os
import random
import subprocess
import sqlite3
import sys
import time
import uuid

COLUMNS = ("id, idempotency_key, task_definition_id, target_chain_id, input, state, proof_of_task, data, params, attempts, last_error, "
           "created_at, updated_at, next_attempt_at, deadline_at, acknowledged_at, lease_until")
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def uuid7(ms, rnd):
    """A version-7 UUID for that millisecond, as the service makes task ids (time first, so the primary key grows at its end)."""
    return str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | (rnd.getrandbits(12) << 64) | (0b10 << 62) | rnd.getrandbits(62)))


def rows(count, newest_ms, span_ms):
    rnd = random.Random(7)
    step = max(1, span_ms // max(1, count))
    performer = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"
    for i in range(count):
        created = newest_ms - span_ms + i * step
        cid = "Qm" + "".join(rnd.choices(ALPHABET, k=44))
        price = "%d.%08d" % (rnd.randint(2000, 4000), rnd.randint(0, 99999999))
        signature = "0x" + os.urandom(65).hex()
        params = '["%s","0x%s",0,"%s","%s","ecdsa"]' % (cid, price.encode().hex(), performer, signature)
        yield (uuid7(created, rnd), None, 0, None, None, "ACKNOWLEDGED", cid, price, params, 1, None,
               created, created + 40, created, created + 3_600_000, created + 40, 0)


def progress(done, total, started):
    rate = done / max(1e-9, time.monotonic() - started)
    print("  %d of %d rows (%.0f rows/s)" % (done, total, rate), flush=True)


def seed_sqlite(path, count, newest_ms, span_ms):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")  # a seed, not a service: a crash here means seeding again
    db.execute("PRAGMA cache_size=-262144")
    placeholders = ", ".join("?" * 17)
    insert = "INSERT INTO tasks (%s) VALUES (%s)" % (COLUMNS, placeholders)
    started = time.monotonic()
    batch = []
    done = 0
    for row in rows(count, newest_ms, span_ms):
        batch.append(row)
        if len(batch) == 100_000:
            db.execute("BEGIN")
            db.executemany(insert, batch)
            db.execute("COMMIT")
            done += len(batch)
            batch.clear()
            if done % 1_000_000 == 0:
                progress(done, count, started)
    if batch:
        db.execute("BEGIN")
        db.executemany(insert, batch)
        db.execute("COMMIT")
        done += len(batch)
    db.execute("INSERT INTO task_counts (state, shard, task_count) VALUES ('ACKNOWLEDGED', 0, ?) "
               "ON CONFLICT (state, shard) DO UPDATE SET task_count = task_count + excluded.task_count", (done,))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    progress(done, count, started)


def csv_field(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return str(value)


def seed_postgres(url, count, newest_ms, span_ms):
    started = time.monotonic()
    copy = subprocess.Popen(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "COPY tasks (%s) FROM STDIN WITH (FORMAT csv)" % COLUMNS],
                            stdin=subprocess.PIPE, text=True)
    done = 0
    for row in rows(count, newest_ms, span_ms):
        copy.stdin.write(",".join(csv_field(v) for v in row) + "\n")
        done += 1
        if done % 1_000_000 == 0:
            progress(done, count, started)
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit("COPY failed")
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                    "INSERT INTO task_counts (state, shard, task_count) VALUES ('ACKNOWLEDGED', 0, %d) "
                    "ON CONFLICT (state, shard) DO UPDATE SET task_count = task_counts.task_count + excluded.task_count; ANALYZE tasks" % done],
                   check=True)
    progress(done, count, started)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", help="the outbox file (migrated)")
    target.add_argument("--postgres", help="the outbox database's URL (migrated)")
    parser.add_argument("--tasks", type=int, default=10_000_000)
    parser.add_argument("--age-days", type=float, default=6.0, help="the rows' creation times span this many days")
    parser.add_argument("--finished-days-ago", type=float, default=0.0, help="the newest row finished this long ago")
    args = parser.parse_args()
    newest = int(time.time() * 1000 - args.finished_days_ago * 86_400_000)
    span = int(args.age_days * 86_400_000)
    print("seeding %d acknowledged tasks, finished %.1f to %.1f days ago" % (args.tasks, args.finished_days_ago, args.finished_days_ago + args.age_days))
    if args.sqlite:
        seed_sqlite(args.sqlite, args.tasks, newest, span)
    else:
        seed_postgres(args.postgres, args.tasks, newest, span)


if __name__ == "__main__":
    main()
