#!/usr/bin/env python3
"""One configuration of the differential tester (meson suite `diff`).

    run-diff.py --name le-power9 --endian le --cpu power9 --harness PATH --qemu PATH
                --run-lib PATH --isa-tool PATH --workdir DIR [--count N] [--seed S]
                [--long] [--strict]

1. `kvmppc-isa --list` says which mnemonics the library's table has;
2. gen.py writes cases (fixed seeds) for the non-privileged ones;
3. the reference harness runs them under qemu-user, run_lib runs them on the library;
4. compare.py fails on any difference, printing both values and the disassembly.

Prints SKIP and exits 77 when the cross compiler (no --harness), qemu-user or the
binutils are missing: never a silent pass. --long runs several seeds with more cases.
The files of the last run stay in --workdir for inspection (compare.py can be re-run
on them).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def skip(msg):
    print(f"SKIP: {msg}")
    sys.exit(77)


def run(cmd, **kw):
    t0 = time.monotonic()
    p = subprocess.run(cmd, text=True, capture_output=True, **kw)
    dt = time.monotonic() - t0
    return p, dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--endian", choices=["le", "be"], required=True)
    ap.add_argument("--cpu", choices=["power8", "power9"], required=True)
    ap.add_argument("--harness", default="")
    ap.add_argument("--qemu", default="")
    ap.add_argument("--run-lib", required=True)
    ap.add_argument("--isa-tool", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--long", action="store_true", help="8 seeds of 4x the cases")
    ap.add_argument("--strict", action="store_true",
                    help="also fail when an implemented mnemonic has no template")
    ap.add_argument("--max-report", type=int, default=15)
    a = ap.parse_args()

    if not a.harness or not os.path.exists(a.harness):
        skip(f"{a.name}: the {a.endian} cross compiler is not installed "
             "(gcc-powerpc64le-linux-gnu / gcc-powerpc64-linux-gnu)")
    if not a.qemu or not shutil.which(a.qemu):
        skip(f"{a.name}: qemu-user ({'qemu-ppc64le' if a.endian == 'le' else 'qemu-ppc64'}) "
             "is not installed")
    for tool in ("PPC_AS", "PPC_OBJCOPY", "PPC_OBJDUMP"):
        default = {"PPC_AS": "powerpc64le-linux-gnu-as",
                   "PPC_OBJCOPY": "powerpc64le-linux-gnu-objcopy",
                   "PPC_OBJDUMP": "powerpc64le-linux-gnu-objdump"}[tool]
        if not shutil.which(os.environ.get(tool, default)):
            skip(f"{a.name}: {default} (binutils-powerpc64le-linux-gnu) is not installed")

    os.makedirs(a.workdir, exist_ok=True)
    impl = os.path.join(a.workdir, "implemented.txt")
    p, _ = run([a.isa_tool, "--list"])
    if p.returncode != 0:
        print(p.stdout + p.stderr)
        sys.exit(f"{a.name}: kvmppc-isa --list failed")
    with open(impl, "w") as f:
        f.write(p.stdout)

    seeds = [a.seed] if not a.long else [a.seed + 1000 * k for k in range(8)]
    count = a.count * (4 if a.long else 1)
    qemu_cpu = a.cpu
    total_cases = total_failed = 0
    mnemonics = set()
    times = {"gen": 0.0, "qemu": 0.0, "lib": 0.0, "compare": 0.0}
    status = 0
    t_start = time.monotonic()
    for seed in seeds:
        cases = os.path.join(a.workdir, "cases.bin")
        ref = os.path.join(a.workdir, "ref.bin")
        lib = os.path.join(a.workdir, "lib.bin")
        gen = [sys.executable, os.path.join(HERE, "gen.py"), "-o", cases, "-n", str(count),
               "--seed", str(seed), "--cpu", a.cpu, "--endian", a.endian,
               "--implemented", impl]
        if a.cpu == "power8":
            gen.append("--p8-illegal")
        if a.strict:
            gen.append("--strict")
        p, dt = run(gen)
        times["gen"] += dt
        sys.stdout.write(p.stdout)
        sys.stderr.write(p.stderr)
        if p.returncode not in (0, 1) or not os.path.exists(cases):
            print(f"{a.name}: generator failed (exit {p.returncode})")
            return 1
        if p.returncode == 1:
            status = 1
        if "gen.py: no templates selected" in p.stdout:
            skip(f"{a.name}: the library implements no generated mnemonic yet")

        p, dt = run([a.qemu, "-cpu", qemu_cpu, a.harness, cases, ref])
        times["qemu"] += dt
        if p.returncode != 0:
            print(p.stdout + p.stderr)
            print(f"{a.name}: the reference harness failed under {a.qemu} "
                  f"(exit {p.returncode})")
            return 1
        lib_cmd = [a.run_lib, "--cpu", a.cpu] + (["--be"] if a.endian == "be" else [])
        p, dt = run(lib_cmd + [cases, lib])
        times["lib"] += dt
        if p.returncode != 0:
            print(p.stdout + p.stderr)
            print(f"{a.name}: run_lib failed (exit {p.returncode})")
            return 1
        cmp = [sys.executable, os.path.join(HERE, "compare.py"), cases, ref, lib,
               "--implemented", impl, "--endian", a.endian, "--cpu", a.cpu, "--max-report",
               str(a.max_report)]
        p, dt = run(cmp)
        times["compare"] += dt
        sys.stdout.write(p.stdout)
        sys.stderr.write(p.stderr)
        for ln in p.stdout.splitlines():
            if ln.startswith("tested mnemonics:"):
                mnemonics |= set(ln.split(":", 1)[1].split())
            m = re.match(r"diff: (\d+) passed.*?, (\d+) failed", ln)
            if m:
                total_cases += int(m.group(1)) + int(m.group(2))
                total_failed += int(m.group(2))
        if p.returncode != 0:
            status = 1
    elapsed = time.monotonic() - t_start
    print(f"{a.name}: {total_cases} cases, {len(mnemonics)} mnemonics, {total_failed} "
          f"failed, {elapsed:.1f} s (gen {times['gen']:.1f}, qemu {times['qemu']:.1f}, "
          f"lib {times['lib']:.1f}, compare {times['compare']:.1f}) "
          f"{'FAIL' if status else 'PASS'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
