#!/usr/bin/env python3
"""Python's email package reads every report tests/bounce/write_samples
wrote: the message and each part without a defect, the header fields the
writer puts, the text part decoded, every per-message and per-recipient
field of the delivery-status part (message/delivery-status parsed by the
email package itself, message/global-delivery-status block by block with
its header parser, as it has no parser of its own for it), and the
returned original with the Message-ID that In-Reply-To names. Each
recipient's address, Action and Status must be the manifest's.

Usage: check_email.py DIR (with DIR/manifest.tsv). Exit 0, or 1 listing
every mismatch.
"""
import csv
import email
import email.parser
import email.policy
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from check_report import report  # noqa: E402  (tests/support is no package)

failures = []
SUBJECTS = {"Delivery report: message not delivered",
            "Delivery report: message delayed",
            "Delivery report: message relayed",
            "Delivery report: message delivered"}


def fail(name, what):
    failures.append(f"{name}: {what}")


def check_lines(name, data):
    for i, line in enumerate(data.split(b"\r\n")[:-1]):
        if b"\r" in line or b"\n" in line:
            fail(name, f"line {i + 1}: a bare CR or LF")
        if len(line) > 998:
            fail(name, f"line {i + 1}: {len(line)} octets")
    if not data.endswith(b"\r\n"):
        fail(name, "the message does not end in CRLF")


def utf8(v):
    """A value the bytes parser kept as surrogate escapes, as UTF-8: the
    international parts carry UTF-8 (RFC 6533), which must decode."""
    return str(v).encode("utf-8", "surrogateescape").decode("utf-8")


def blocks_of(part):
    """The delivery-status blocks as lists of (name, value)."""
    if part.get_content_type() == "message/delivery-status":
        return [list(b.items()) for b in part.get_payload()]
    # message/global-delivery-status is to the email package any message/*
    # type: one message, whose header is the first block and whose body
    # holds the others
    (first,) = part.get_payload()
    out = [list(first.items())]
    parser = email.parser.HeaderParser(policy=email.policy.compat32)
    body = first.get_payload(decode=True).decode("utf-8")
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        if chunk.strip():
            out.append([(k, " ".join(v.split()))
                        for k, v in parser.parsestr(chunk).items()])
    return out


def check_status_part(name, part, rows):
    blocks = blocks_of(part)
    if len(blocks) != len(rows) + 1:
        fail(name, f"{len(blocks)} blocks for {len(rows)} recipients")
        return
    per_message = dict(blocks[0])
    for field, want in (("Reporting-MTA", "dns; mail.example.org"),
                        ("Received-From-MTA", "dns; client.example.org"),
                        ("Original-Envelope-Id", "lunch+42"),
                        ("Arrival-Date", "Mon, 30 Nov 2026 10:20:00 +0000")):
        if str(per_message.get(field)) != want:
            fail(name, f"{field}: {per_message.get(field)!r}, not {want!r}")
    for block, row in zip(blocks[1:], rows):
        f = {k: " ".join(utf8(v).split()) for k, v in block}
        kind, _, addr = f.get("Final-Recipient", "").partition(";")
        want_kind = "utf-8" if any(ord(c) > 127 for c in row["recipient"]) \
            else "rfc822"
        if kind.strip().lower() != want_kind or addr.strip() != row["recipient"]:
            fail(name, f"Final-Recipient {f.get('Final-Recipient')!r}, "
                       f"not {want_kind}; {row['recipient']}")
        for field, key in (("Action", "action"), ("Status", "status")):
            if f.get(field) != row[key]:
                fail(name, f"{row['recipient']}: {field} {f.get(field)!r}, "
                           f"not {row[key]!r}")
        for field in ("Remote-MTA", "Diagnostic-Code"):
            if field in f and not f[field].lower().startswith(("dns;", "smtp;")):
                fail(name, f"{field} without its type: {f[field]!r}")


def check_original(name, part, msgid):
    kind = part.get_content_type()
    if kind in ("message/rfc822", "message/global"):
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) else \
            email.message_from_bytes(part.get_payload(decode=True),
                                     policy=email.policy.default)
        body = inner.get_payload()
        if not body:
            fail(name, "the returned message has no body")
    elif kind in ("text/rfc822-headers", "message/global-headers"):
        inner = email.parser.BytesHeaderParser(policy=email.policy.default) \
            .parsebytes(part.get_payload(decode=True))
    else:
        fail(name, f"third part of type {kind}")
        return
    if msgid is not None and inner["Message-ID"] != msgid:
        fail(name, f"In-Reply-To {msgid!r} but the original has "
                   f"{inner['Message-ID']!r}")


def check(path, rows):
    name = os.path.basename(path)
    with open(path, "rb") as f:
        data = f.read()
    check_lines(name, data)
    m = email.message_from_bytes(data, policy=email.policy.default)
    for p in m.walk():
        if p.defects:
            fail(name, f"{p.get_content_type()}: defects {p.defects}")
    if m.get_content_type() != "multipart/report" or \
            m.get_param("report-type") != "delivery-status":
        fail(name, f"Content-Type {m['Content-Type']!r}")
        return
    if m["From"].addresses[0].addr_spec != "MAILER-DAEMON@mail.example.org":
        fail(name, f"From {m['From']!r}")
    if m["To"].addresses[0].addr_spec != "alice@example.org":
        fail(name, f"To {m['To']!r}")
    if str(m["Subject"]) not in SUBJECTS:
        fail(name, f"Subject {m['Subject']!r}")
    if m["Date"].datetime is None or m["Auto-Submitted"] != "auto-replied" \
            or m["MIME-Version"] != "1.0" or not m["Message-ID"]:
        fail(name, "Date, Auto-Submitted, MIME-Version or Message-ID")
    if m["References"] != m["In-Reply-To"]:
        fail(name, "References differs from In-Reply-To")
    parts = list(m.iter_parts())
    if len(parts) not in (2, 3) or parts[0].get_content_type() != "text/plain":
        fail(name, f"parts {[p.get_content_type() for p in parts]}")
        return
    text = parts[0].get_content()
    if "Custom text" not in text:
        for row in rows:
            if row["recipient"] not in text:
                fail(name, f"the text part does not name {row['recipient']}")
    check_status_part(name, parts[1], rows)
    if len(parts) == 3:
        check_original(name, parts[2], m["In-Reply-To"])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(os.path.join(sys.argv[1], "manifest.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    files = sorted({r["file"] for r in rows})
    for name in files:
        check(os.path.join(sys.argv[1], name), [r for r in rows if r["file"] == name])
    return report(failures, f"{len(files)} reports, {len(rows)} recipients read by "
                  f"Python {sys.version.split()[0]}'s email package")


if __name__ == "__main__":
    sys.exit(main())
