#!/usr/bin/env python3
"""A second, independent reader of the same real bounces: Python's email
package. For every message of the shared corpus (../shared/bounces) in
which it finds a message/delivery-status or message/global-delivery-status
part, the recipient blocks it parses (the blank-line-separated groups after
the first) must equal what `dsn report --json` gives, field by field:
recipient (Final-Recipient, else Original-Recipient, without type and
'<' '>'), Action, Status (first word), Diagnostic-Code and Remote-MTA
(without type), white space runs compared as one space. Where Python sees
no recipient and libdsn does, the message must be listed in
python_differences.tsv with the reason (Python takes blank lines as the
only block separator); the test fails on any other difference and on a
listed one that no longer occurs.

Usage: oracle_check.py DSN-PROGRAM SOURCE-DIR
Exit 77 (skipped) when the corpus is not found, unless DSN_REQUIRE_E2E=1.
"""
import email
import email.policy
import os
import sys

from corpus_check import HERE, corpus_or_skip, read_tsv, run_reader

STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")


def squeeze(value):
    return " ".join((value or "").split())


def untyped(value):
    """The value after "type;" when the text before ';' is one word."""
    value = squeeze(value)
    kind, sep, rest = value.partition(";")
    return rest.strip() if sep and kind.strip() and " " not in kind.strip() \
        else value


def address(value):
    value = untyped(value)
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value


def python_blocks(path):
    """The recipients Python's email finds, or None without a part."""
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() not in STATUS_TYPES:
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            return None
        found = []
        for b in blocks[1:]:
            rcpt = b.get("Final-Recipient") or b.get("Original-Recipient")
            if not rcpt:
                continue
            found.append((address(rcpt),
                          squeeze(b.get("Action")).split(" ")[0].lower(),
                          squeeze(b.get("Status")).split(" ")[0],
                          untyped(b.get("Diagnostic-Code")),
                          untyped(b.get("Remote-MTA"))))
        return found
    return None


def libdsn_blocks(rows):
    return [(r["recipient"] or "", (r["action"] or "").lower(),
             r["status"] or "", squeeze(r["diagnostic"]),
             squeeze(r["remote_mta"])) for r in rows]


def main():
    dsn, corpus = corpus_or_skip("oracle_check", __doc__)
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".eml"))
    lib = run_reader(dsn, corpus, files)
    known = {k["file"]: k["reason"] for k in
             read_tsv(os.path.join(HERE, "python_differences.tsv"))}
    agree, failed, seen = 0, False, set()
    for f in files:
        py = python_blocks(os.path.join(corpus, f))
        ours = libdsn_blocks(lib.get(f, []))
        if py is None and not ours:
            continue
        if py == ours:
            agree += 1
            continue
        if f in known and not py and ours:
            seen.add(f)
            continue
        failed = True
        print(f"DIFFERENCE {f}\n  Python's email: {py}\n  libdsn:         {ours}")
    for f in sorted(set(known) - seen):
        print(f"STALE python_differences.tsv entry (no longer differs): {f}")
        failed = True
    print(f"{agree} messages with a delivery-status part read alike by "
          f"Python's email and libdsn, field by field; {len(seen)} where "
          f"Python finds no recipient (python_differences.tsv)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
