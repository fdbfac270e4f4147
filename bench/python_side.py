"""The Python side of bench/python-vs-multitask: the same three workloads as dev.multitask.bench.SideBySide.

Prints one `key value` line per figure, which SideBySide reads to print the comparison table.
"""

import asyncio
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

BATCH = 1000  # no-op tasks submitted before their results are taken, as on the Java side
NOOP_SECONDS = 2.0
NOOP_ROUNDS = 4
SLEEPERS = 10_000
SLEEP_SECONDS = 0.5
CPU_TASKS = 8
CPU_TASK_SECONDS = 0.2
ROUNDS = 3
MASK = (1 << 64) - 1


def noop():
    return 1


def noop_round(pool, seconds):
    tasks = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for f in [pool.submit(noop) for _ in range(BATCH)]:
            f.result()
        tasks += BATCH
    return tasks / elapsed


def noop_tasks_per_second(workers):
    """Batches of submit-1000-then-get-each on a pool of `workers` threads: the median of NOOP_ROUNDS short rounds
    after a warm-up round, as on the Java side."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        noop_round(pool, NOOP_SECONDS / NOOP_ROUNDS)
        return statistics.median(noop_round(pool, NOOP_SECONDS / NOOP_ROUNDS) for _ in range(NOOP_ROUNDS))


async def sleepers():
    await asyncio.gather(*(asyncio.sleep(SLEEP_SECONDS) for _ in range(SLEEPERS)))


def sleepers_seconds():
    start = time.perf_counter()
    asyncio.run(sleepers())
    return time.perf_counter() - start


def spin(steps):
    """CPU-bound: xorshift64 for `steps` steps; the same function as SideBySide.spin."""
    x = 88172645463325252
    for _ in range(steps):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
    return x


def calibrate_steps():
    """How many steps of spin take about CPU_TASK_SECONDS on one thread."""
    steps = 10_000
    while True:
        start = time.perf_counter()
        spin(steps)
        elapsed = time.perf_counter() - start
        if elapsed >= CPU_TASK_SECONDS / 2:
            return int(steps * CPU_TASK_SECONDS / elapsed)
        steps *= 2


def cpu_speedup(steps, workers):
    start = time.perf_counter()
    for _ in range(CPU_TASKS):
        spin(steps)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(spin, [steps] * CPU_TASKS))
    threaded = time.perf_counter() - start
    return sequential, threaded


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    print(f"python {sys.version.split()[0]}")
    print(f"workers {workers}")
    print(f"noop_tasks_per_s {noop_tasks_per_second(workers):.0f}")
    sleepers_seconds()  # unmeasured, as on the Java side
    print(f"sleepers_s {statistics.median(sleepers_seconds() for _ in range(ROUNDS)):.3f}")
    steps = calibrate_steps()
    runs = [cpu_speedup(steps, workers) for _ in range(ROUNDS)]
    print(f"cpu_task_s {statistics.median(s for s, _ in runs) / CPU_TASKS:.3f}")
    print(f"cpu_sequential_s {statistics.median(s for s, _ in runs):.3f}")
    print(f"cpu_threads_s {statistics.median(t for _, t in runs):.3f}")
    print(f"cpu_speedup {statistics.median(s / t for s, t in runs):.3f}")


if __name__ == "__main__":
    main()
