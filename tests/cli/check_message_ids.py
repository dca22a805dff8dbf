#!/usr/bin/env python3
"""dsn bounce's default Message-ID tells reports apart: the same arguments
in the same second give different ids for different originals, and for the
same original written by two processes (a script bouncing two messages, or
one message twice). The runs are repeated until they fall in one second.

Usage: check_message_ids.py DSN. Exit 0, or 1 with what went wrong.
"""
import re
import subprocess
import sys
import time

ARGS = ["bounce", "--reporting-mta", "m.example.org", "--sender",
        "a@example.org", "--rcpt", "b@example.net", "--code", "550",
        "--original", "-"]


def message_id(dsn, original):
    out = subprocess.run([dsn, *ARGS], input=original, capture_output=True,
                         check=True, timeout=30).stdout
    return re.search(rb"^Message-ID: <(\d{14})\.([0-9a-f]+)@", out, re.M).groups()


def main():
    dsn = sys.argv[1]
    originals = [b"Subject: one\r\n\r\nbody\r\n", b"Subject: two\r\n\r\nbody\r\n",
                 b"Subject: one\r\n\r\nbody\r\n"]
    for _ in range(5):
        ids = [message_id(dsn, o) for o in originals]
        if len({second for second, _ in ids}) == 1:
            break
        time.sleep(0.1)
    else:
        print("the runs never fell in one second")
        return 1
    hashes = [h for _, h in ids]
    if len(set(hashes)) != len(hashes):
        print(f"Message-IDs collide within one second: {ids}")
        return 1
    print(f"3 reports in one second, 3 Message-IDs: {hashes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
