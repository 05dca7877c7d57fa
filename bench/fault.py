#!/usr/bin/env python3
"""Fault run driver (see bench/fault.sh): triggers, kills, restarts, then counts what reached the node.

Every trigger carries its own Idempotency-Key and is retried with that key until the service answers 200 or 202,
as a careful Performer would. After the run each key is replayed once more: the service returns the task it
recorded under that key (200 = acknowledged, 202 = still queued, 502 = dead or failed) without running it again.
The node stand-in appends the params of every sendTask it accepted to a log, from which duplicates are counted and
checked for identical bytes.
"""
import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
RUN_LIMIT_S = 15 * 60


def post(url, key, timeout=15):
    request = urllib.request.Request(url, data=b'{"taskDefinitionId":0}', method="POST",
                                     headers={"Content-Type": "application/json", "Idempotency-Key": key})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def get_json(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


class Service:
    def __init__(self, java, jar, env, log):
        self.java, self.jar, self.env, self.log = java, jar, env, log
        self.process = None

    def start(self):
        self.process = subprocess.Popen([self.java, "-jar", self.jar, "serve"], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        health = "http://127.0.0.1:%s/health" % self.env["PORT"]
        for _ in range(150):
            try:
                get_json(health, timeout=1)
                return
            except Exception:
                time.sleep(0.2)
        raise SystemExit("the service did not start; see its log")

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--java", required=True)
    parser.add_argument("--jar", required=True)
    parser.add_argument("tasks", nargs="?", type=int, default=2000)
    parser.add_argument("kills", nargs="?", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--fail-rate", type=float, default=0.5)
    args = parser.parse_args()
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="avs-fault-")
    node_log = os.path.join(work, "node-accepted.jsonl")
    node_port, exchange_port, service_port = 19545, 19546, 19003
    standins = subprocess.Popen([args.java, "-jar", args.jar, "standins", "--node-port", str(node_port),
                                 "--exchange-port", str(exchange_port), "--node-fail-rate", str(args.fail_rate),
                                 "--node-log", node_log],
                                stdout=open(os.path.join(work, "standins.log"), "w"), stderr=subprocess.STDOUT)
    env = dict(os.environ, PORT=str(service_port), DATA_DIR=os.path.join(work, "data"), PRIVATE_KEY_PERFORMER=KEY,
               ORACLE_BASE_URL="http://127.0.0.1:%d/api/v3/" % exchange_port,
               OTHENTIC_CLIENT_RPC_ADDRESS="http://127.0.0.1:%d/" % node_port,
               ACK_WAIT_MS="1000", RETRY_BASE_MS="100", RETRY_MAX_MS="2000", NODE_TIMEOUT_MS="2000",
               SUBMIT_MAX_ATTEMPTS="1000", TASK_DEADLINE_SECONDS="3600")
    service = Service(args.java, args.jar, env, open(os.path.join(work, "service.log"), "a"))
    print("work directory: %s (outbox and proofs on disk: %s)" % (work, env["DATA_DIR"]))
    try:
        time.sleep(1)
        service.start()
        url = "http://127.0.0.1:%d/task/execute" % service_port
        run = "fault-%d" % os.getpid()
        keys = ["%s-%05d" % (run, i) for i in range(args.tasks)]
        answers = {}
        answered = [0]
        lock = threading.Lock()
        next_key = iter(keys)
        client_retries = collections.Counter()
        first_answers = collections.Counter()

        def worker():
            while time.monotonic() - started < RUN_LIMIT_S:
                with lock:
                    key = next(next_key, None)
                if key is None:
                    return
                for _ in range(600):  # bounded: about 2 minutes of retrying one key
                    try:
                        status, body = post(url, key)
                    except Exception as e:  # refused or reset while the service is down
                        client_retries[type(e).__name__] += 1
                        time.sleep(0.2)
                        continue
                    if status in (200, 202, 502):
                        with lock:
                            answers[key] = status
                            first_answers[status] += 1
                            answered[0] += 1
                        break
                    client_retries["HTTP %d" % status] += 1
                    time.sleep(0.2)

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        for k in range(args.kills):
            target = args.tasks * (k + 1) // (args.kills + 1)
            while answered[0] < target and time.monotonic() - started < RUN_LIMIT_S:
                time.sleep(0.05)
            print("kill -9 after %d answers; restarting" % answered[0], flush=True)
            service.kill9()
            time.sleep(0.5)
            service.start()
        for t in threads:
            t.join(max(1, RUN_LIMIT_S - (time.monotonic() - started)))
        print("all %d triggers answered in %.0f s: %s; client retries while the service was down: %s"
              % (len(answers), time.monotonic() - started, dict(first_answers), dict(client_retries)), flush=True)

        counts = {}
        while time.monotonic() - started < RUN_LIMIT_S:
            counts = get_json("http://127.0.0.1:%d/tasks?limit=1" % service_port)["data"]["counts"]
            if counts["received"] + counts["pending"] == 0:
                break
            time.sleep(1)
        print("outbox after draining: %s" % counts, flush=True)

        final = {}
        proof_of_key = {}
        for key in keys:
            status, body = post(url, key)
            final[key] = status
            if status == 200:
                proof_of_key[key] = body["data"]["proofOfTask"]
        lines = collections.defaultdict(list)
        with open(node_log) as f:
            for line in f:
                params = json.loads(line)
                lines[params[0]].append(line)
        accepted_keys = [k for k in keys if answers.get(k) in (200, 202)]
        delivered = [k for k in accepted_keys if final[k] == 200 and proof_of_key[k] in lines]
        dead = [k for k in accepted_keys if final[k] == 502]
        missing = [k for k in accepted_keys if k not in delivered and k not in dead]
        accepted, acknowledged = len(accepted_keys), len(delivered)
        duplicates = {p: ls for p, ls in lines.items() if len(ls) > 1}
        differing = [p for p, ls in duplicates.items() if len(set(ls)) > 1]
        unknown = set(lines) - set(proof_of_key.values())
        print()
        print("triggers            %d" % args.tasks)
        print("accepted            %d  (answered 200 or 202)" % accepted)
        print("acknowledged        %d  (replay answers 200 and the node logged its proof)" % acknowledged)
        print("dead or failed      %d" % len(dead))
        print("missing             %d" % len(missing))
        print("duplicates          %d  (proofs the node accepted more than once), %d with differing bytes"
              % (len(duplicates), len(differing)))
        print("unknown at the node %d  (accepted proofs no key returns: re-executed tasks)" % len(unknown))
        if missing:
            print("missing keys (first 5): %s" % missing[:5])
        ok = not missing and not differing and not unknown
        print("RESULT: %s" % ("PASS" if ok else "FAIL"))
        return 0 if ok else 1
    finally:
        service.stop()
        standins.send_signal(signal.SIGTERM)
        standins.wait(timeout=30)
        with open(os.path.join(work, "standins.log")) as f:
            handled = [line.strip() for line in f if "handled" in line]
        print("node stand-in: %s" % (handled[0] if handled else "(no summary)"))
        print("logs and outbox kept in %s" % work)


if __name__ == "__main__":
    sys.exit(main())
