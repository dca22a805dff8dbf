#!/usr/bin/env python3
"""The DSN reader against real bounces: every message of the shared
corpus (Sisimai's set-of-emails, ../shared/bounces beside the source tree)
goes through `dsn report --json`, and the result is compared with the
corpus's expected.tsv:

  - every recipient of a message of format `rfc3464` or
    `dsn-part-in-non-report` is found (as Final-Recipient or
    Original-Recipient), with its status: the status that matters
    (diagnostic_status when the reader gives one, else Status);
  - no other recipient is reported for those messages;
  - no message of another format (arf, rfc3834-autoreply, free-text,
    report-malformed) gets a recipient.

Where the reader and Sisimai disagree and RFC 3464 is on the reader's
side, the case is listed in known_differences.tsv with the reason. The
test fails on a difference not listed, and on a listed one that no longer
occurs (the list must not go stale). It prints the figures.

Usage: corpus_check.py DSN-PROGRAM SOURCE-DIR
Exit 77 (skipped) when the corpus is not found, unless DSN_REQUIRE_E2E=1.
"""
import collections
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WITH_REPORT = ("rfc3464", "dsn-part-in-non-report")


def corpus_dir(source):
    for d in (os.environ.get("DSN_BOUNCES_DIR", ""),
              os.path.join(source, "..", "shared", "bounces"),
              os.path.join(source, "..", "..", "shared", "bounces")):
        if d and os.path.isfile(os.path.join(d, "expected.tsv")):
            return os.path.normpath(d)
    return None


def corpus_or_skip(name, doc):
    """(DSN-PROGRAM, corpus folder) from sys.argv, the usage doc on wrong
    arguments; without the corpus exit 77 (skipped), or 1 under
    DSN_REQUIRE_E2E=1."""
    if len(sys.argv) != 3:
        sys.exit(doc)
    corpus = corpus_dir(sys.argv[2])
    if corpus is None:
        required = os.environ.get("DSN_REQUIRE_E2E") == "1"
        print("%s: the shared bounce corpus (../shared/bounces beside the "
              "source tree, or DSN_BOUNCES_DIR) is missing: %s" %
              (name, "FAILED, DSN_REQUIRE_E2E=1" if required else "skipped"))
        sys.exit(1 if required else 77)
    return sys.argv[1], corpus


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader((l for l in f if not l.startswith("#")),
                                   delimiter="\t"))


def run_reader(dsn, corpus, files):
    paths = [os.path.join(corpus, f) for f in files]
    p = subprocess.run([dsn, "report", "--json"] + paths,
                       capture_output=True, check=False)
    if p.returncode not in (0, 1) or p.stderr:
        sys.exit(f"dsn report failed ({p.returncode}): {p.stderr!r}")
    got = collections.defaultdict(list)
    for line in p.stdout.decode("utf-8").splitlines():
        obj = json.loads(line)
        name = os.path.basename(obj["file"])
        if "error" not in obj:
            got[name].append(obj)
    return got


def matters(r):
    return r["diagnostic_status"] or r["status"] or ""


def addresses(r):
    return {(r["recipient"] or "").lower(),
            (r["original_recipient"] or "").lower()} - {""}


def compare(expected, got):
    """Yields (file, recipient, kind, gives) for each difference, and
    returns the figures through the list `figures`."""
    by_file = collections.defaultdict(list)
    for row in expected:
        by_file[row["file"]].append(row)
    n = right_rcpt = right_status = 0
    diffs = []
    for name, rows in sorted(by_file.items()):
        fmt = rows[0]["format"]
        if fmt not in WITH_REPORT:
            for r in got.get(name, []):
                diffs.append((name, r["recipient"] or r["original_recipient"],
                              "invented", matters(r)))
            continue
        wanted = {row["recipient"].lower() for row in rows}
        for row in rows:
            n += 1
            found = [r for r in got.get(name, [])
                     if row["recipient"].lower() in addresses(r)]
            if not found:
                gives = ",".join(f"{r['recipient']} {matters(r)}"
                                 for r in got.get(name, [])) or "none"
                diffs.append((name, row["recipient"], "recipient", gives))
                continue
            right_rcpt += 1
            if matters(found[0]) == row["status"]:
                right_status += 1
            else:
                diffs.append((name, row["recipient"], "status",
                              matters(found[0])))
        for r in got.get(name, []):
            if not addresses(r) & wanted:
                diffs.append((name, r["recipient"], "extra", matters(r)))
    return n, right_rcpt, right_status, diffs


def main():
    dsn, corpus = corpus_or_skip("corpus_check", __doc__)
    expected = read_tsv(os.path.join(corpus, "expected.tsv"))
    files = sorted({row["file"] for row in expected})
    got = run_reader(dsn, corpus, files)
    n, right_rcpt, right_status, diffs = compare(expected, got)

    known = {(k["file"], k["recipient"], k["kind"]): k for k in
             read_tsv(os.path.join(HERE, "known_differences.tsv"))}
    failed = False
    seen = set()
    for name, rcpt, kind, gives in diffs:
        k = known.get((name, rcpt, kind))
        if k is None or k["libdsn_gives"] != gives:
            print(f"NEW DIFFERENCE {name}\t{rcpt}\t{kind}\tlibdsn gives {gives}")
            failed = True
        seen.add((name, rcpt, kind))
    for key in sorted(set(known) - seen):
        print(f"STALE known difference (no longer occurs): {key}")
        failed = True
    others = sum(1 for f in files if f not in
                 {r["file"] for r in expected if r["format"] in WITH_REPORT})
    invented = sum(1 for d in diffs if d[2] == "invented")
    print(f"{len(files)} messages; {n} recipients expected in "
          f"{len(files) - others} messages with a delivery-status part: "
          f"recipients right {right_rcpt} of {n}, statuses right "
          f"{right_status} of {n}; {len(known)} known differences "
          f"(known_differences.tsv); {others} other messages, "
          f"{invented} with a recipient")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
