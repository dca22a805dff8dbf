"""Checks the bounces Postfix sent: RFC 3464 reports whose per-recipient
fields carry, for every line of EXPECTED ("rcpt<TAB>status<TAB>diagnostic"),
Status: status and Diagnostic-Code: diagnostic, its type included (white
space runs compared as one space: Postfix folds the long ones with an
indent of its own).

usage: check_bounce.py EXPECTED MESSAGE...   (exit 1 on any difference)
"""
import email
import email.policy
import sys


def unfold(value):
    # Postfix folds long fields by turning a space into a line break and an
    # indent of its own: compare with every run of white space as one space
    return " ".join(value.split())


def reports(paths):
    for path in paths:
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        for part in msg.walk():
            if part.get_content_type() == "message/delivery-status":
                # block 0 holds the per-message fields, then one per recipient
                for block in part.get_payload()[1:]:
                    yield block


def main():
    expected = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            rcpt, status, diag = line.rstrip("\n").split("\t")
            expected[rcpt.lower()] = (status, unfold(diag))
    seen = {}
    for block in reports(sys.argv[2:]):
        rcpt = unfold(block.get("Final-Recipient", "")).split(";", 1)[-1]
        seen[rcpt.strip().lower()] = (
            unfold(block.get("Status", "")).strip(),
            unfold(block.get("Diagnostic-Code", "")).strip(),
        )
    failed = False
    for rcpt, (status, diag) in sorted(expected.items()):
        got = seen.get(rcpt)
        if got == (status, diag):
            print("bounce ok %s: Status: %s, Diagnostic-Code: %s"
                  % (rcpt, status, diag[:70] + ("..." if len(diag) > 70 else "")))
            continue
        failed = True
        print("bounce for %s: expected Status: %s, Diagnostic-Code: %s; got %r"
              % (rcpt, status, diag, got))
    if not seen:
        print("no message/delivery-status part in " + " ".join(sys.argv[2:]))
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
