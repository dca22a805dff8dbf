#!/usr/bin/env python3
"""The baseline of the DSN reader's benchmark (bench/report.sh runs it):
Python's email package finding the delivery-status fields of every message
of a directory, read into memory once. Per message: parse it
(email.message_from_bytes), walk its parts, and for each
message/delivery-status or message/global-delivery-status part take the
per-message and per-recipient fields (the package parses such a part into
one header block per blank-line-separated group). Prints the median over
the rounds of the CPU ns per message, the messages, and the recipients found
(blocks with a Final-Recipient or Original-Recipient).

Usage: report_email.py DIR [--rounds N]"""
import email
import os
import statistics
import sys
import time

STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
FIELDS = ("final-recipient", "original-recipient", "action", "status",
          "remote-mta", "diagnostic-code", "last-attempt-date",
          "will-retry-until")


def read_message(data):
    msg = email.message_from_bytes(data)
    found = 0
    for part in msg.walk():
        if part.get_content_type() not in STATUS_TYPES:
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks[1:]:
            fields = {k: block.get(k) for k in FIELDS}
            if fields["final-recipient"] or fields["original-recipient"]:
                found += 1
        break
    return found


def main():
    d = sys.argv[1]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    msgs = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".eml"):
            with open(os.path.join(d, name), "rb") as f:
                msgs.append(f.read())
    first = sum(read_message(m) for m in msgs)
    per_msg = []
    for _ in range(rounds):
        t0 = time.process_time_ns()
        got = sum(read_message(m) for m in msgs)
        per_msg.append((time.process_time_ns() - t0) / len(msgs))
        if got != first:
            sys.exit("report_email.py: a round found other recipients")
    print(f"python-email\t{statistics.median(per_msg):.1f}\t{len(msgs)}\t{first}")


if __name__ == "__main__":
    main()
