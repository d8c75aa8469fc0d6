#!/usr/bin/env python3
"""Times whole commands in turn, round after round, and prints each one's median wall time and
the ratios of the first to the others.

On a shared machine whose speed drifts, running the commands in turn (rather than all runs of
one, then all of the next, as hyperfine does) keeps a slow minute from landing on one side of a
ratio. Usage (see BENCHMARKS.md):

    interleave.py ROUNDS 'command one' 'command two' ...
"""
import statistics
import subprocess
import sys
import time


def main() -> None:
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    times = {command: [] for command in commands}
    for command in commands:  # warm the file cache
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(rounds):
        for command in commands:
            start = time.perf_counter()
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[command].append(time.perf_counter() - start)
    medians = {command: statistics.median(runs) for command, runs in times.items()}
    for command in commands:
        print(f"{medians[command] * 1000:8.1f} ms median, {min(times[command]) * 1000:8.1f} ms min  {command}")
    first = commands[0]
    for command in commands[1:]:
        print(f"{medians[first] / medians[command]:6.2f} x  first / `{command}`")


if __name__ == "__main__":
    main()
