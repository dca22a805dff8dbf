#!/usr/bin/env python3
"""Reads a delivery status notification back with Python's email package.

Usage: rfc3464_check.py MESSAGE.eml

tests/test_delivery.c writes a multipart/report message whose
message/delivery-status part holds recipient blocks made by
dsn_status_fields(), runs this script on it, and compares what it prints
with the values it put in. Python's parser splits that part into blocks
of fields (RFC 3464 section 2.1) and unfolds each field (RFC 5322 section
2.2.3); nothing here unfolds or decodes by hand but the raw check below.

Output, one line each:
  BLOCK                       a per-recipient block starts
  FIELD <name> <hex> <hex>    a field: its name, then its value as UTF-8
                              bytes in hex twice: as policy.default reads
                              it (the email package's own unfolding), and
                              raw (the source bytes, CRLF before WSP removed)
  DEFECT <text>               anything the parser complained about
Exit status 0, or 1 when the message has no message/delivery-status part.
"""
import email
import email.policy
import re
import sys


def hexed(b):
    return b.hex() if b else "-"


def main(path):
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    for d in msg.defects:
        print("DEFECT message:", type(d).__name__)
    parts = [p for p in msg.walk()
             if p.get_content_type() == "message/delivery-status"]
    if len(parts) != 1:
        print("DEFECT no message/delivery-status part")
        return 1
    blocks = parts[0].get_payload()
    # blocks[0] holds the per-message fields; each other one a recipient
    for block in blocks[1:]:
        print("BLOCK")
        for d in block.defects:
            print("DEFECT block:", type(d).__name__)
        raw = dict(block.raw_items())
        for name in block.keys():
            value = block[name]
            for d in getattr(value, "defects", ()):
                print("DEFECT", name, type(d).__name__)
            parsed = str(value).encode("utf-8")
            # bytes parsers keep 8-bit header bytes as surrogate escapes
            source = str(raw[name]).encode("utf-8", "surrogateescape")
            source = re.sub(rb"\r?\n(?=[ \t])", b"", source)
            print("FIELD", name, hexed(parsed), hexed(source))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
