#!/usr/bin/env python3
"""Mutation testing: applies each mutant of a list to a scratch copy of the checkout, rebuilds
incrementally, runs the suite that should notice it and prints killed/survived and the score.

    python3 scripts/mutate.py                      # every mutant in scripts/mutants.json
    python3 scripts/mutate.py --only ml-,web-      # mutants whose id starts with one of these
    python3 scripts/mutate.py --list               # show the mutants, run nothing

A mutant is {id, file, original, replacement, suite}; `original` must occur exactly once in
`file`. The suite is one of
    {"ctest": REGEX, "label": AREA, "targets": [TARGETS]}     GoogleTest cases (ctest -R, and
                                                              -L ^AREA$ when a label is given)
    {"pytest": [ARGS...]}                                     pytest on Debian's Python
    {"vitest": FILE, "config": CONFIG}                        one Vitest file
The working tree is never touched: the checkout (tracked and untracked, not ignored, files) is
copied to --scratch (default /tmp/emflow-mutate), unchanged files keeping their times, so the
scratch build (its own build/native, ccache on) only recompiles what a mutant touches. Each
distinct suite first runs unmutated: a suite that already fails would "kill" every mutant.
A mutant that does not compile is reported as invalid and left out of the score.
Not part of `npm test`: a mutant takes seconds to a minute on 2 cores (a component header
recompiles everything that includes the library); the whole list about 10 minutes.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOBS = os.environ.get("JOBS", "2")


def load_mutants(path):
    with open(path) as f:
        mutants = json.load(f)
    seen = set()
    for m in mutants:
        missing = [k for k in ("id", "file", "original", "replacement", "suite") if k not in m]
        if missing:
            sys.exit("%s: mutant %r lacks %s" % (path, m.get("id"), ", ".join(missing)))
        if m["id"] in seen:
            sys.exit("%s: mutant id %r appears twice" % (path, m["id"]))
        seen.add(m["id"])
        suite = m["suite"]
        if "ctest" in suite and not suite.get("targets"):
            sys.exit("%s: mutant %r: a ctest suite needs its build targets" % (path, m["id"]))
        if not any(k in suite for k in ("ctest", "pytest", "vitest")):
            sys.exit("%s: mutant %r: suite needs ctest, pytest or vitest" % (path, m["id"]))
    return mutants


def sync_scratch(src):
    """Copies the checkout's files to `src` (same relative layout, node_modules linked)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    files = [f for f in listed.decode().split("\0") if f and not f.endswith("node_modules")]
    files = [f for f in files if os.path.isfile(os.path.join(ROOT, f))]
    engine = os.path.join("web", "public", "engine")
    if os.path.isdir(os.path.join(ROOT, engine)):
        files += [os.path.join(engine, n) for n in os.listdir(os.path.join(ROOT, engine))]
    for name in files:
        source, copy = os.path.join(ROOT, name), os.path.join(src, name)
        with open(source, "rb") as f:
            data = f.read()
        if os.path.isfile(copy):
            with open(copy, "rb") as f:
                if f.read() == data:
                    continue  # unchanged: keep its time so nothing rebuilds
        # Changed files get the current time (not the checkout's): the build must see them as
        # newer than whatever it last built from this path, e.g. a mutant left by a killed run.
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        with open(copy, "wb") as f:
            f.write(data)
        shutil.copymode(source, copy)
    for link in ("node_modules", os.path.join("web", "node_modules")):
        target = os.path.realpath(os.path.join(ROOT, link))
        here = os.path.join(src, link)
        if os.path.exists(target) and not os.path.lexists(here):
            os.symlink(target, here)


class Scratch:
    def __init__(self, src, verbose):
        self.src = src
        self.build = os.path.join(src, "build", "native")
        self.verbose = verbose
        self.env = dict(os.environ)
        # Paths relative to the build folder hash alike here and in the checkout's build.
        self.env["CCACHE_BASEDIR"] = src
        self.env["EMFLOW_CLI"] = os.path.join(self.build, "core", "emflow")
        self.env["PYTHONPATH"] = os.path.join(src, "python")
        self.env["NODE_PATH"] = "/usr/share/nodejs"

    def run(self, command, timeout):
        """(ok, seconds, output tail): ok is False for a non-zero exit or a timeout."""
        start = time.monotonic()
        try:
            done = subprocess.run(
                command,
                cwd=self.src,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
            )
            ok, output = done.returncode == 0, done.stdout.decode(errors="replace")
        except subprocess.TimeoutExpired as e:
            ok, output = False, (e.stdout or b"").decode(errors="replace") + "\n[timeout]"
        if self.verbose:
            print(output)
        return ok, time.monotonic() - start, output[-2000:]

    def configure(self):
        command = ["cmake", "-S", self.src, "-B", self.build, "-G", "Ninja"]
        command += ["-DCMAKE_BUILD_TYPE=RelWithDebInfo"]
        ok, _, output = self.run(command, 600)
        if not ok:
            sys.exit("cmake configure of the scratch copy failed:\n" + output)

    def build_targets(self, suite):
        if "ctest" in suite:
            targets = suite["targets"]
        elif "pytest" in suite:
            targets = suite.get("targets", ["emflow_cli"])
        else:
            targets = suite.get("targets", [])
        if not targets:
            return True, 0.0, ""
        command = ["cmake", "--build", self.build, "-j", JOBS, "--target"] + targets
        return self.run(command, 1800)

    def test(self, suite):
        timeout = suite.get("timeout", 900)
        if "ctest" in suite:
            command = ["ctest", "--test-dir", self.build, "-R", suite["ctest"], "--no-tests=error"]
            command += ["--stop-on-failure", "--timeout", "120", "-j", JOBS]
            if suite.get("label"):
                command += ["-L", "^%s$" % suite["label"]]
        elif "pytest" in suite:
            command = ["/usr/bin/python3", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"]
            command += suite["pytest"]
        else:
            config = suite.get("config", "web/vitest.config.ts")
            command = ["npx", "--no-install", "vitest", "run", "--config", config]
            command += ["--bail", "1", suite["vitest"]]
        return self.run(command, timeout)


def describe(suite):
    if "ctest" in suite:
        label = " -L " + suite["label"] if suite.get("label") else ""
        return "ctest -R " + suite["ctest"] + label
    if "pytest" in suite:
        return "pytest " + " ".join(suite["pytest"])
    return "vitest " + suite["vitest"]


def apply(scratch, mutant):
    """Writes the mutant; returns the original text (or exits if `original` is not unique)."""
    path = os.path.join(scratch.src, mutant["file"])
    with open(path, encoding="utf-8") as f:
        text = f.read()
    count = text.count(mutant["original"])
    if count != 1:
        sys.exit(
            "mutant %s: the original text occurs %d times in %s (must be exactly once):\n  %s"
            % (mutant["id"], count, mutant["file"], mutant["original"])
        )
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(mutant["original"], mutant["replacement"]))
    return text


def restore(scratch, mutant, text):
    # Written, not copied with its old time: the build must see a newer source and recompile.
    with open(os.path.join(scratch.src, mutant["file"]), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutants", default=os.path.join(ROOT, "scripts", "mutants.json"))
    parser.add_argument("--scratch", default="/tmp/emflow-mutate")
    parser.add_argument("--only", default="", help="comma-separated id prefixes")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated runs")
    parser.add_argument("--verbose", action="store_true", help="print build and test output")
    args = parser.parse_args()

    mutants = load_mutants(args.mutants)
    if args.only:
        prefixes = tuple(p for p in args.only.split(",") if p)
        mutants = [m for m in mutants if m["id"].startswith(prefixes)]
    if args.list:
        for m in mutants:
            print("%-34s %-44s %s" % (m["id"], m["file"], describe(m["suite"])))
        print("%d mutants" % len(mutants))
        return 0
    if not mutants:
        sys.exit("no mutants selected")

    scratch = Scratch(os.path.join(args.scratch, "src"), args.verbose)
    print("==> scratch copy in %s" % scratch.src, flush=True)
    sync_scratch(scratch.src)
    scratch.configure()

    if not args.no_baseline:
        suites = []
        for m in mutants:
            if m["suite"] not in suites:
                suites.append(m["suite"])
        for suite in suites:
            ok, seconds, output = scratch.build_targets(suite)
            if ok:
                ok, seconds, output = scratch.test(suite)
            print("baseline %-6s %5.0f s  %s" % ("ok" if ok else "FAILS", seconds, describe(suite)))
            if not ok:
                sys.exit("an unmutated suite fails; fix that first:\n" + output)

    killed, survived, invalid = [], [], []
    for i, m in enumerate(mutants, 1):
        text = apply(scratch, m)
        try:
            built, build_seconds, output = scratch.build_targets(m["suite"])
            if not built:
                verdict, seconds = "invalid", build_seconds
                invalid.append(m["id"])
            else:
                passed, seconds, output = scratch.test(m["suite"])
                verdict = "survived" if passed else "killed"
                (survived if passed else killed).append(m["id"])
                seconds += build_seconds
        finally:
            restore(scratch, m, text)
        print(
            "[%2d/%d] %-8s %-34s %5.0f s  %s"
            % (i, len(mutants), verdict, m["id"], seconds, describe(m["suite"])),
            flush=True,
        )
        if verdict == "invalid":
            print("         does not build:\n" + output[-800:], flush=True)

    scored = len(killed) + len(survived)
    score = 100.0 * len(killed) / scored if scored else 0.0
    print("\nkilled %d, survived %d, invalid %d" % (len(killed), len(survived), len(invalid)))
    if survived:
        print("survivors: " + ", ".join(survived))
    print("mutation score: %.1f %% (%d of %d)" % (score, len(killed), scored))
    # The scratch build keeps the last mutant's restored sources; rebuild nothing here.
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
