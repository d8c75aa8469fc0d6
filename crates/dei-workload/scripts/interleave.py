#!/usr/bin/env python3
"""Times whole commands in turn, round after round, and prints each one's median wall time and
CPU time (user + system of the command and its children), and the ratios of the first command
to the others.

On a shared machine whose speed drifts, running the commands in turn (rather than all runs of
one, then all of the next, as hyperfine does) keeps a slow minute from landing on one side of a
ratio. The CPU time is the fairer figure when other work shares the cores: it does not count
the time a command waited for a core. Usage (see BENCHMARKS.md):

    interleave.py ROUNDS 'command one' 'command two' ...
"""
import resource
import statistics
import subprocess
import sys
import time


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    wall = {command: [] for command in commands}
    cpu = {command: [] for command in commands}
    for command in commands:  # warm the file cache
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(rounds):
        for command in commands:
            cpu_before, start = cpu_seconds(), time.perf_counter()
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall[command].append(time.perf_counter() - start)
            cpu[command].append(cpu_seconds() - cpu_before)
    wall_median = {command: statistics.median(runs) for command, runs in wall.items()}
    cpu_median = {command: statistics.median(runs) for command, runs in cpu.items()}
    for command in commands:
        print(
            f"{wall_median[command] * 1000:8.1f} ms wall median, {min(wall[command]) * 1000:8.1f} ms min, "
            f"{cpu_median[command] * 1000:8.1f} ms CPU median  {command}"
        )
    first = commands[0]
    for command in commands[1:]:
        print(
            f"{wall_median[first] / wall_median[command]:6.2f} x wall, "
            f"{cpu_median[first] / cpu_median[command]:6.2f} x CPU  first / `{command}`"
        )


if __name__ == "__main__":
    main()
