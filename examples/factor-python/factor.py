#!/usr/bin/env python3
"""A task adapter (contract version 1) for the Execution Service: factor a number.

Slow to do, instant to check: execute finds a factor of input.n; validate multiplies the proof's factors back
together. Standard library only. Run once per call (the request on stdin, the answer on stdout), or with --lines
as a long-lived process (mode: persistent), one JSON request per line in, one JSON answer per line out.

FACTOR_LIE=1 in the environment makes execute lie (a wrong factor); validate stays honest, so attesters refuse it.
"""
import json
import math
import os
import random
import sys


def smallest_factor(n):
    """A non-trivial factor of n (Pollard's rho after trial division by small primes), or None if n is prime."""
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0 and n != p:
            return p
    if is_probable_prime(n):
        return None
    while True:
        c = random.randrange(1, n)
        x = y = random.randrange(2, n)
        d = 1
        while d == 1:
            x = (x * x + c) % n
            y = (y * y + c) % n
            y = (y * y + c) % n
            d = math.gcd(abs(x - y), n)
        if d != n:
            return min(d, n // d)


def is_probable_prime(n):
    if n < 2:
        return False
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if a % n == 0:
            continue
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def number(input_, params):
    """input.n as an int (a JSON number or a string of digits), within params.maxDigits."""
    if not isinstance(input_, dict) or "n" not in input_:
        raise ValueError('input must be {"n": <whole number>}')
    text = str(input_["n"]).strip()
    if not text.isdigit():
        raise ValueError("input.n must be a whole number, got %r" % input_["n"])
    if len(text) > int(params.get("maxDigits", 40)):
        raise ValueError("input.n has more than %s digits (params.maxDigits)" % params.get("maxDigits", 40))
    return int(text)


def execute(request):
    n = number(request.get("input"), request.get("params") or {})
    factor = smallest_factor(n)
    if factor is None:
        return {"error": {"message": "%d is prime (or below 4): there is nothing to factor" % n, "retryable": False}}
    if os.environ.get("FACTOR_LIE") == "1":
        factor += 1
    return {"data": {"utf8": str(factor)}, "proof": {"n": str(n), "factors": [str(factor), str(n // factor)]}}


def validate(request):
    proof, data = request.get("proof") or {}, request.get("data", "0x")
    try:
        n, p, q = int(proof["n"]), int(proof["factors"][0]), int(proof["factors"][1])
    except (KeyError, IndexError, TypeError, ValueError):
        return {"valid": False, "reason": "the proof is not {n, factors: [p, q]}"}
    if str(n) != str((request.get("input") or {}).get("n", "")).strip():
        return {"valid": False, "reason": "the proof is for %d, not for the input's n" % n}
    if not (1 < p < n and p * q == n):
        return {"valid": False, "reason": "%d x %d is not %d" % (p, q, n)}
    claimed = bytes.fromhex(data[2:]).decode("utf-8", "replace")
    if claimed != str(p):
        return {"valid": False, "reason": "data says %r but the proof's factor is %d" % (claimed, p)}
    return {"valid": True, "reason": "%d x %d = %d" % (p, q, n)}


def answer(line):
    try:
        request = json.loads(line)
        if request.get("version") != 1:
            return {"error": {"message": "this adapter speaks contract version 1", "retryable": False}}
        if request.get("op") == "execute":
            return execute(request)
        if request.get("op") == "validate":
            return validate(request)
        return {"error": {"message": "unknown op %r" % request.get("op"), "retryable": False}}
    except ValueError as problem:
        return {"error": {"message": str(problem), "retryable": False}}


if __name__ == "__main__":
    if "--lines" in sys.argv:
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(answer(line)), flush=True)
    else:
        print(json.dumps(answer(sys.stdin.read())))
