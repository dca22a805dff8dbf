#!/usr/bin/env python3
"""The two halves of the dsn program agree: each
report `dsn bounce` writes, read by `dsn report --json`, gives back the
reporting MTA, the envelope id (xtext decoded), the arrival date, and per
recipient its address and type, its ORCPT, Action, Status, diagnostic (and
its type), remote MTA; Exim-style X.0.0 statuses with a specific reply
code come back with it as diagnostic_status. Cases: one failure, three
recipients of three actions, an SMTPUTF8 report with a UTF-8 address, an
original returned whole and as headers only.

Usage: cli_roundtrip.py DSN-PROGRAM
"""
import json
import subprocess
import sys

ORIGINAL = (b"From: alice@example.org\r\nTo: gone@example.net\r\n"
            b"Message-ID: <orig.7@example.org>\r\nSubject: hi\r\n\r\nHello\r\n")

# (bounce options, per recipient: (options, expected JSON fields))
CASES = [
    ([], [(["--rcpt", "gone@example.net", "--code", "550", "--status",
            "5.1.1", "--diagnostic", "550 5.1.1 No such user",
            "--remote-mta", "mx.example.net"],
           {"recipient": "gone@example.net", "recipient_type": "rfc822",
            "action": "failed", "status": "5.1.1",
            "diagnostic_type": "smtp",
            "diagnostic": "550 5.1.1 No such user",
            "remote_mta": "mx.example.net", "diagnostic_status": None})]),
    (["--envid", "QQ+2B314", "--arrival-date",
      "Mon, 30 Nov 2026 10:00:00 +0000", "--ret", "hdrs"],
     [(["--rcpt", "a@example.net", "--orcpt", "A@example.net", "--status",
        "5.0.0", "--diagnostic", "550-5.2.2 full\n550 5.2.2 still full"],
       {"recipient": "a@example.net", "original_recipient": "A@example.net",
        "action": "failed", "status": "5.0.0", "diagnostic_status": "5.2.2",
        "diagnostic": "550-5.2.2 full 550 5.2.2 still full"}),
      (["--rcpt", "b@example.net", "--action", "delayed", "--status",
        "4.4.1", "--remote-mta", "mx2.example.net"],
       {"recipient": "b@example.net", "action": "delayed",
        "status": "4.4.1", "diagnostic": None,
        "remote_mta": "mx2.example.net"}),
      (["--rcpt", "c@example.net", "--action", "delivered", "--status",
        "2.0.0"],
       {"recipient": "c@example.net", "action": "delivered",
        "status": "2.0.0", "original_recipient": None})]),
    (["--smtputf8"],
     [(["--rcpt", "j\u00f6rg@example.de", "--status", "5.1.1"],
       {"recipient": "j\u00f6rg@example.de", "recipient_type": "utf-8",
        "action": "failed", "status": "5.1.1"})]),
]


def main():
    dsn = sys.argv[1]
    failed = False
    for n, (options, rcpts) in enumerate(CASES):
        argv = [dsn, "bounce", "--reporting-mta", "mail.example.org",
                "--sender", "alice@example.org", "--date",
                "Mon, 30 Nov 2026 10:22:53 +0000", "--original", "-"] + options
        for rcpt_options, _ in rcpts:
            argv += rcpt_options
        bounce = subprocess.run(argv, input=ORIGINAL, capture_output=True,
                                check=False)
        if bounce.returncode != 0:
            print(f"case {n}: dsn bounce failed: {bounce.stderr!r}")
            failed = True
            continue
        report = subprocess.run([dsn, "report", "--json"],
                                input=bounce.stdout, capture_output=True,
                                check=False)
        rows = [json.loads(l) for l in report.stdout.decode().splitlines()]
        if report.returncode != 0 or len(rows) != len(rcpts):
            print(f"case {n}: dsn report gave {report.returncode}, {rows}")
            failed = True
            continue
        per_message = {"reporting_mta": "mail.example.org",
                       "envelope_id": "QQ+314" if "--envid" in options
                       else None,
                       "arrival_date": "Mon, 30 Nov 2026 10:00:00 +0000"
                       if "--arrival-date" in options else None}
        for row, (_, want) in zip(rows, rcpts):
            for key, value in list(per_message.items()) + list(want.items()):
                if row.get(key) != value:
                    print(f"case {n}: {key}: got {row.get(key)!r}, "
                          f"want {value!r}")
                    failed = True
        print(f"case {n}: {len(rows)} recipient(s) read back")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
