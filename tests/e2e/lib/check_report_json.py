"""Checks what `dsn report --json` read from a real MTA's bounce: exactly
the recipients named, each with Action failed and a Reporting-MTA, and for
each triple RCPT STATUS DIAGNOSTIC:
  - DIAGNOSTIC "-": the bounce gave no Diagnostic-Code (OpenSMTPD's), so
    the report has none, no status taken from one, and Status STATUS;
  - otherwise a Diagnostic-Code with a type whose text starts with
    DIAGNOSTIC, and STATUS the status that matters: the one taken from
    that reply (diagnostic_status), else the Status field.

usage: check_report_json.py REPORT.json (RCPT STATUS DIAGNOSTIC)...
(exit 1 on any difference)
"""
import json
import sys


def problem(r, status, diagnostic):
    """What is wrong with row r, or None."""
    if r["action"] != "failed" or not r["reporting_mta"]:
        return "not Action failed with a Reporting-MTA"
    if diagnostic == "-":
        if (r["status"], r["diagnostic_status"], r["diagnostic"]) != (
                status, None, None):
            return "want Status %s and no Diagnostic-Code" % status
        return None
    if r["diagnostic_type"] is None or not (r["diagnostic"] or "").startswith(
            diagnostic):
        return "want a Diagnostic-Code starting %r" % diagnostic
    if (r["diagnostic_status"] or r["status"]) != status:
        return "want the status %s" % status
    return None


def main():
    args = sys.argv[2:]
    want = {args[i].lower(): (args[i + 1], args[i + 2])
            for i in range(0, len(args) - 2, 3)}
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    got = {(r["recipient"] or "").lower(): r for r in rows}
    bad = sorted(set(got) ^ set(want))
    if bad:
        print("FAIL: recipients %r differ in %r" % (bad, rows))
    for rcpt in sorted(set(want) & set(got)):
        r = got[rcpt]
        why = problem(r, *want[rcpt])
        if why is not None:
            bad.append(rcpt)
            print("FAIL %s: %s: %r" % (rcpt, why, r))
            continue
        print("ok %s: Action %s, Status %s, diagnostic_status %s, %s; %s" % (
            rcpt, r["action"], r["status"], r["diagnostic_status"],
            r["diagnostic_type"], (r["diagnostic"] or "")[:50]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
