#!/usr/bin/env python3
"""Compare two jdlint builds on one folder of postings, runs interleaved.

    bench/ab.py BASE NEW [DIR] [--pairs N]

BASE and NEW are jdlint binaries (build the base from another checkout); DIR defaults to the 5x
set that bench/compare.sh lays out. On a shared VM the time of one binary moves by 10% or more
between runs minutes apart, which hides a change of a few percent when each binary is timed in
a batch of its own (hyperfine's way). Here the two run in turn, in alternating order, and the
figure is the median over the pairs of NEW's time over BASE's: a slow phase of the machine
slows both runs of a pair alike. CPU time (user and system, of the process and its threads) is
reported beside wall time.

    bench/ab.py BASE NEW [DIR] --instructions

counts instead what each build executes over DIR (the 1x set by default), once each under
valgrind's callgrind: a change of a percent or two, which the pairs cannot tell from the machine's
noise, shows there (a build's count moves by up to 0.3% between runs). Not part of
`cargo test`; nothing here asserts a time.
"""

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("base")
parser.add_argument("new")
sets = os.path.normpath(os.path.join(here, "..", "target", "bench-corpus"))
parser.add_argument("dir", nargs="?", help="the 5x set, or the 1x set with --instructions")
parser.add_argument("--pairs", type=int, default=20)
parser.add_argument(
    "--instructions",
    action="store_true",
    help="count each build's instructions once under callgrind instead of timing pairs",
)
args = parser.parse_args()
if args.dir is None:
    args.dir = os.path.join(sets, "x1" if args.instructions else "x5")
if not os.path.isdir(args.dir):
    sys.exit(f"{args.dir}: not a folder (bench/compare.sh lays out target/bench-corpus)")

# As bench/compare.sh runs jdlint.
command = ["check", "--isolated", "--format", "concise", "--quiet", "--fail-level", "error"]
command.append(args.dir)


def run(binary):
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [binary] + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(binary):
    """Instructions one run executes, all threads, as callgrind counts them."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", binary]
                + command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        except FileNotFoundError:
            sys.exit("valgrind is not installed (Debian's package valgrind)")
    counted = re.search(r"Collected : (\d+)", done.stderr)
    if counted is None:
        sys.exit(f"callgrind counted nothing for {binary}:\n{done.stderr[-2000:]}")
    return int(counted.group(1))


if args.instructions:
    base, new = instructions(args.base), instructions(args.new)
    print(f"instructions over {args.dir} (valgrind --tool=callgrind)")
    print(f"base {base:,}, new {new:,}, new / base {new / base:.4f}")
    sys.exit(0)

run(args.base)
run(args.new)
wall, cpu, base_cpu, new_cpu = [], [], [], []
for i in range(args.pairs):
    order = ["base", "new"] if i % 2 else ["new", "base"]
    got = {who: run(args.base if who == "base" else args.new) for who in order}
    wall.append(got["new"][0] / got["base"][0])
    cpu.append(got["new"][1] / got["base"][1])
    base_cpu.append(got["base"][1])
    new_cpu.append(got["new"][1])
print(f"{args.pairs} pairs over {args.dir}")
base_ms, new_ms = statistics.median(base_cpu) * 1000, statistics.median(new_cpu) * 1000
print(f"CPU time, median: base {base_ms:.0f} ms, new {new_ms:.0f} ms")
print(
    f"new / base, median of the pairs: wall {statistics.median(wall):.3f}, "
    f"CPU {statistics.median(cpu):.3f} (CPU pairs from {min(cpu):.3f} to {max(cpu):.3f})"
)
