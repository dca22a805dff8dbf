"""Reads the bounce Postfix sent with libdsn's own reader, `dsn report
--json` (dsn_report_read/next), and checks, for every line of EXPECTED
("rcpt<TAB>status<TAB>type; text", the format check_bounce.py reads), that
the report names the recipient with Action failed, Status status and a
Diagnostic-Code of that type (in any case) and text (white space runs
compared as one space: Postfix folds long fields with an indent of its
own, which unfolding keeps), and no other recipient: a real writer's DSN
read by libdsn.

usage: check_report.py EXPECTED DSN-PROGRAM MESSAGE...   (exit 1 on any
difference)
"""
import json
import subprocess
import sys


def squeeze(value):
    return " ".join((value or "").split())


def main():
    expected = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            rcpt, status, diag = line.rstrip("\n").split("\t")
            dtype, reply = diag.split("; ", 1)
            expected[rcpt.lower()] = (status, dtype.lower(), squeeze(reply))
    p = subprocess.run([sys.argv[2], "report", "--json"] + sys.argv[3:],
                       capture_output=True, check=False)
    if p.returncode != 0:
        print("dsn report exited %d: %r %r" % (p.returncode, p.stdout,
                                               p.stderr))
        return 1
    got = {}
    for line in p.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        got[(r["recipient"] or "").lower()] = r
    failed = False
    for rcpt, (status, dtype, reply) in sorted(expected.items()):
        r = got.pop(rcpt, None)
        want = ("failed", status, dtype, reply)
        have = None if r is None else (r["action"], r["status"],
                                       (r["diagnostic_type"] or "").lower(),
                                       squeeze(r["diagnostic"]))
        if have == want and r["reporting_mta"]:
            print("dsn report ok %s: %s %s, %s; %s" % (
                rcpt, have[0], status, dtype,
                reply[:60] + ("..." if len(reply) > 60 else "")))
            continue
        failed = True
        print("dsn report for %s: expected %r, got %r" % (rcpt, want, r))
    for rcpt in got:
        failed = True
        print("dsn report: a recipient Postfix did not bounce: %s" % rcpt)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
