#!/usr/bin/env python3
"""Keeps the dsn program's documentation true:

  - every "$ command" example in man/dsn.1's EXAMPLES, and in any
    ```console block of README.md or docs/*.md, runs under bash with the
    built dsn first in PATH, and prints exactly the lines shown after it;
  - every long option of `dsn --help` (which is written from the program's
    option tables) is named in man/dsn.1, the program's reference;
  - `man --warnings -l man/dsn.1` is silent (checked where man is installed;
    tests/consumer/run.sh checks it in CI in any case).

Usage: check_docs.py DSN SOURCE-DIR. Exit 0, or 1 listing every mismatch.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from check_report import report  # noqa: E402  (tests/support is no package)

failures = []


def examples(lines):
    """(command, expected output) pairs from lines of "$ cmd" and output."""
    pairs = []
    for line in lines:
        if line.startswith("$ "):
            pairs.append([line[2:], ""])
        elif pairs:
            pairs[-1][1] += line + "\n"
    return pairs


def roff_text(s):
    for esc, plain in (("\\-", "-"), ("\\(aq", "'"), ("\\&", ""), ("\\e", "\\")):
        s = s.replace(esc, plain)
    return s


def section(path, pattern, what):
    """The whole file and the first group of pattern in it, or None."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(pattern, text, re.M | re.S)
    if m is None:
        failures.append(f"{path}: {what} not found")
    return text, m.group(1) if m else None


def markdown_examples(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = re.findall(r"^```console\n(.*?)^```$", text, re.M | re.S)
    return [p for b in blocks for p in examples(b.splitlines())]


def man_examples(src):
    whole, text = section(f"{src}/man/dsn.1", r"^\.SH EXAMPLES\n\.nf\n(.*?)^\.fi$",
                          "EXAMPLES in .nf/.fi")
    return roff_text(whole), examples(roff_text(text or "").splitlines())


def run_examples(dsn, where, pairs, required=True):
    env = dict(os.environ, LC_ALL="C", PATH=os.path.dirname(os.path.abspath(dsn))
               + os.pathsep + os.environ.get("PATH", ""))
    for command, want in pairs:
        p = subprocess.run(["bash", "-c", command], capture_output=True, env=env,
                           timeout=20)
        got = p.stdout.decode("utf-8", "replace")
        if got != want:
            failures.append(f"{where}: $ {command}\n  shown: {want!r}\n  got:   {got!r}"
                            f"\n  stderr: {p.stderr!r}")
    if required and not pairs:
        failures.append(f"{where}: no examples found")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dsn, src = sys.argv[1], sys.argv[2]
    man, man_pairs = man_examples(src)
    run_examples(dsn, "man/dsn.1", man_pairs)
    markdown = [f"{src}/README.md"] + sorted(glob.glob(f"{src}/docs/*.md"))
    md_pairs = 0
    for path in markdown:
        pairs = markdown_examples(path)
        run_examples(dsn, os.path.relpath(path, src), pairs, required=False)
        md_pairs += len(pairs)

    help_text = subprocess.run([dsn, "--help"], capture_output=True).stdout.decode()
    options = sorted(set(re.findall(r"--[a-z][a-z-]*", help_text)))
    for opt in options:
        if opt not in man:
            failures.append(f"man/dsn.1 does not name {opt}")

    if shutil.which("man"):
        p = subprocess.run(["man", "--warnings", "-l", f"{src}/man/dsn.1"],
                           capture_output=True,
                           env=dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80"))
        if p.returncode != 0 or p.stderr:
            failures.append(f"man --warnings -l man/dsn.1: {p.stderr!r}")
        man_checked = "man -l silent"
    else:
        man_checked = "man not installed: rendering not checked"

    return report(failures, f"{len(man_pairs)} man page and {md_pairs} Markdown "
                  f"examples, {len(options)} options, {man_checked}")


if __name__ == "__main__":
    sys.exit(main())
