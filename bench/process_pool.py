#!/usr/bin/env python3
"""The Python side of bench/process-pool: ProcessPoolExecutor measured as ProcessPoolBench measures Pool.processes.

Prints `name value unit` lines. Usage: process_pool.py [startup|fresh|noop|cpu|memory]...
"""
import concurrent.futures as cf
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time


def one():
    return 1


def identity(x):
    return x


def count_primes(below):
    count = 0
    for n in range(2, below):
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count


def show(name, value, unit):
    print(f"{name} {value:.3f} {unit}", flush=True)


def startup():
    for method in ("fork", "spawn", "forkserver"):
        times = []
        for _ in range(7):
            start = time.perf_counter()
            with cf.ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as pool:
                pool.submit(one).result()
                times.append((time.perf_counter() - start) * 1000)
        show(f"startup_first_result_best_{method}", min(times), "ms")
        show(f"startup_first_result_median_{method}", statistics.median(times), "ms")


def fresh():
    """As startup, but each pool in an interpreter of its own, timed from creating the pool, as the Java side does."""
    for method in ("fork", "spawn", "forkserver"):
        times = []
        for _ in range(11):
            out = subprocess.run([sys.executable, __file__, "first-result", method],
                                 check=True, capture_output=True, text=True).stdout
            times.append(float(out))
        show(f"startup_fresh_first_result_best_{method}", min(times), "ms")
        show(f"startup_fresh_first_result_median_{method}", statistics.median(times), "ms")


def first_result(method):
    start = time.perf_counter()
    with cf.ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as pool:
        pool.submit(one).result()
        print((time.perf_counter() - start) * 1000)


def rate(pool, n, chunk):
    start = time.perf_counter()
    count = sum(1 for _ in pool.map(identity, range(n), chunksize=chunk))
    assert count == n
    return n / (time.perf_counter() - start)


def submit_rate(pool, n):
    start = time.perf_counter()
    futures = [pool.submit(identity, i) for i in range(n)]
    for future in futures:
        future.result()
    return n / (time.perf_counter() - start)


def noop():
    with cf.ProcessPoolExecutor(2) as pool:
        rate(pool, 5_000, 1)
        show("noop_chunk1", rate(pool, 20_000, 1), "tasks/s")
        submit_rate(pool, 2_000)
        show("noop_submit", submit_rate(pool, 20_000), "tasks/s")
        rate(pool, 200_000, 1000)
        show("noop_chunk1000", rate(pool, 2_000_000, 1000), "tasks/s")


def cpu():
    tasks, limit = 8, int(os.environ.get("PY_PRIMES_LIMIT", "200000"))
    start = time.perf_counter()
    for _ in range(tasks):
        count_primes(limit)
    sequential = time.perf_counter() - start
    with cf.ProcessPoolExecutor(2) as pool:
        pool.submit(one).result()
        start = time.perf_counter()
        list(pool.map(count_primes, [limit] * tasks))
        parallel = time.perf_counter() - start
    show("cpu8_sequential", sequential, "s")
    show("cpu8_processes2", parallel, "s")
    show("cpu8_speedup", sequential / parallel, "x")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pss_kib(pid):
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def memory():
    with cf.ProcessPoolExecutor(2) as pool:
        pool.submit(one).result()
        pool.submit(one).result()
        time.sleep(0.5)
        pids = [p.pid for p in mp.active_children()]
        show("idle_worker_rss", sum(rss_kib(p) for p in pids) / 1024 / max(1, len(pids)), "MiB")
        show("idle_worker_pss", sum(pss_kib(p) for p in pids) / 1024 / max(1, len(pids)), "MiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["first-result"]:
        first_result(sys.argv[2])
        sys.exit(0)
    for part in sys.argv[1:] or ["startup", "fresh", "noop", "cpu", "memory"]:
        {"startup": startup, "fresh": fresh, "noop": noop, "cpu": cpu, "memory": memory}[part]()
