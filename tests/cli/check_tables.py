#!/usr/bin/env python3
"""Checks what the dsn program prints from the tables against the tables
themselves, so no test holds a second copy of them:

  dsn list --json        valid JSON (json.loads, strict: no NaN, no
                         duplicate keys), equal to the rows of dsn_table.def
                         read here from the file, in order
  dsn list               the same rows as aligned text
  --subject N            exactly the rows of subject N, text and JSON
  dsn list --registry    equal to the IANA reference export
      --json             tests/reference/iana-smtp-enhanced-status-codes.tsv
  dsn reply NAME         for every row: its wire reply, and with
                         --no-enhanced, from the row's code and text
  -h, --help             the whole help, and each subcommand's: a part
                         of it, exit 0
  --version              the version of CMakeLists.txt's project()
  dsn parse              reads all of a large input; of a reply longer
                         than 1024 lines says what it leaves out
  stdout on /dev/full    every command exits 1 and says why on stderr: the
                         program checks its output once, at the end

Usage: check_tables.py DSN SOURCE-DIR. Exit 0, or 1 listing every mismatch.
"""
import csv
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from check_report import report  # noqa: E402  (tests/support is no package)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(dsn, *args):
    p = subprocess.run([dsn, *args], capture_output=True, timeout=20)
    return p.returncode, p.stdout, p.stderr


def strict_json(text):
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate key in {keys}")
        return dict(pairs)

    def no_constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(
        text.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constant
    )


def table_rows(src):
    """The rows of dsn_table.def, read from the file itself."""
    row = re.compile(
        r'^DSN_(ROW|VARIANT)\((\w+),\s*(\d+),\s*(\d+),\s*(\d+),\s*"((?:[^"\\]|\\.)*)"\)\s*$'
    )
    rows = []
    with open(f"{src}/dsn_table.def", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("DSN_"):
                continue
            m = row.match(line)
            check(m is not None, f"dsn_table.def row not understood: {line.strip()}")
            if m is None:
                continue
            kind, name, code, subject, detail, text = m.groups()
            code, subject, detail = int(code), int(subject), int(detail)
            rows.append(
                {
                    "function": f"dsn_{name}",
                    "name": name,
                    "code": code,
                    "status": f"{code // 100}.{subject}.{detail}",
                    "subject": subject,
                    "detail": detail,
                    "text": text,
                    "variant": kind == "VARIANT",
                }
            )
    return rows


def registry_rows(src):
    """The IANA registry's codes as exported, keyed like --registry --json."""
    path = f"{src}/tests/reference/iana-smtp-enhanced-status-codes.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        {
            "status": r["code"],
            "text": r["sample_text"],
            "basic_codes": r["associated_basic_codes"].replace(", ", ","),
            "reference": r["reference"],
            "submitter": r["submitter"],
        }
        for r in rows
    ]


def check_functions(dsn, rows):
    rc, out, err = run(dsn, "list", "--json")
    check(rc == 0 and err == b"", f"list --json: exit {rc}, stderr {err!r}")
    listed = strict_json(out)
    check(listed == rows, "list --json differs from dsn_table.def")
    for i, (got, want) in enumerate(zip(listed, rows)):
        if got != want:
            failures.append(f"  row {i}: {got} != {want}")
            break
    check(len(rows) > 0, "no rows read from dsn_table.def")

    rc, out, _ = run(dsn, "list")
    text_rows = [line.split(None, 3) for line in out.decode().splitlines()]
    want = [[r["name"], str(r["code"]), r["status"], r["text"]] for r in rows]
    check(rc == 0 and text_rows == want, "list (text) differs from dsn_table.def")

    subjects = sorted({r["subject"] for r in rows}) + [9]
    for s in subjects:
        keep = [r for r in rows if r["subject"] == s]
        rc, out, _ = run(dsn, "list", "--json", "--subject", str(s))
        check(rc == 0 and strict_json(out) == keep, f"list --json --subject {s}")
        rc, out, _ = run(dsn, "list", f"-s{s}")
        names = [line.split()[0] for line in out.decode().splitlines()]
        check(rc == 0 and names == [r["name"] for r in keep], f"list -s{s}")

    for r in rows:
        rc, out, _ = run(dsn, "reply", r["name"])
        wire = f"{r['code']} {r['status']} {r['text']}\r\n".encode()
        check(rc == 0 and out == wire, f"reply {r['name']}: {out!r} != {wire!r}")
        rc, out, _ = run(dsn, "reply", "--no-enhanced", r["name"])
        wire = f"{r['code']} {r['text']}\r\n".encode()
        check(rc == 0 and out == wire, f"reply -n {r['name']}: {out!r}")


def check_registry(dsn, src):
    want = registry_rows(src)
    rc, out, err = run(dsn, "list", "--registry", "--json")
    check(rc == 0 and err == b"", f"list --registry --json: exit {rc}")
    listed = strict_json(out)
    check(len(listed) == len(want), f"{len(listed)} registry codes, reference has {len(want)}")
    for got, exp in zip(listed, want):
        sub = {k: got.get(k) for k in exp}
        check(sub == exp, f"registry {got.get('status')}: {sub} != {exp}")
        _, subject, detail = exp["status"].split(".")
        check(
            (got.get("subject"), got.get("detail")) == (int(subject), int(detail)),
            f"registry {exp['status']}: subject/detail {got}",
        )
        check(isinstance(got.get("deprecated"), bool), f"registry {exp['status']}: deprecated")
    rc, out, _ = run(dsn, "list", "--registry", "--subject", "7", "--json")
    check(
        rc == 0 and [r["status"] for r in strict_json(out)]
        == [r["status"] for r in want if r["status"].startswith("X.7.")],
        "list --registry --subject 7",
    )
    rc, out, _ = run(dsn, "list", "-r")
    codes = [line.split()[0] for line in out.decode().splitlines()]
    check(rc == 0 and codes == [r["status"] for r in want], "list -r (text)")


def check_help_and_version(dsn, src):
    rc, help_text, err = run(dsn, "--help")
    check(rc == 0 and err == b"" and help_text.startswith(b"usage: dsn"), "--help")
    rc, out, err = run(dsn, "-h")
    check(rc == 0 and out == help_text and err == b"", "-h")
    # every command of the usage lines: its own help, a part of the whole
    commands = re.findall(rb"^(?:usage:)? +dsn ([a-z]+) \[OPTION\]", help_text, re.M)
    check(len(commands) >= 4, f"commands in --help: {commands}")
    for cmd in commands:
        name = cmd.decode()
        rc, out, err = run(dsn, name, "--help")
        check(rc == 0 and err == b"" and out.startswith(b"usage: dsn " + cmd + b" "),
              f"{name} --help: exit {rc}, {err!r}")
        rc2, out2, _ = run(dsn, name, "-h")
        check(rc2 == 0 and out2 == out, f"{name} -h")
        # its block (the text between the usage line and the shared
        # options) stands as it is in the whole help
        block = out.split(b"\n\n")[1]
        check(block.startswith(b"  " + cmd) and block in help_text,
              f"{name} --help: its block is not in dsn --help")
    with open(f"{src}/CMakeLists.txt", encoding="utf-8") as f:
        version = re.search(r"project\(libdsn VERSION (\S+)", f.read()).group(1)
    for flag in ("--version", "-V"):
        rc, out, _ = run(dsn, flag)
        check(rc == 0 and out == f"dsn (libdsn) {version}\n".encode(), f"{flag}: {out!r}")


def check_parse_sizes(dsn):
    """dsn parse reads all of a large input, and says what it leaves out of
    a reply longer than it prints (1024 lines)."""
    many = b"".join(b"250 2.0.0 ok %d\r\n" % i for i in range(2000))
    p = subprocess.run([dsn, "parse"], input=many, capture_output=True, timeout=20)
    check(p.returncode == 0 and p.stdout.count(b"reply at line") == 2000
          and b"reply at line 2000 (lenient)\n" in p.stdout,
          f"parse of 2000 replies ({len(many)} bytes): {p.stdout.count(b'reply at line')}")
    long = b"".join(b"550-5.1.1 line %d\r\n" % i for i in range(1100)) + b"550 5.1.1 last\r\n"
    p = subprocess.run([dsn, "parse"], input=long, capture_output=True, timeout=20)
    check(p.returncode == 69 and b"  text 1024    line 1023\n" in p.stdout
          and b"  not shown    text 1025-1101: dsn parse prints 1024 lines of a reply\n"
          in p.stdout and b"text 1025 " not in p.stdout,
          f"parse of a reply of 1101 lines: exit {p.returncode}")


def check_write_errors(dsn):
    if not os.path.exists("/dev/full"):
        print("no /dev/full here: write errors not checked")
        return
    for args, stdin in ((["reply", "no_such_user"], b""),
                        (["no_such_user"], b""),
                        (["explain", "5.1.1"], b""),
                        (["parse"], b"550 5.1.1 No such user\r\n"),
                        (["list"], b""), (["list", "--json"], b""),
                        (["--help"], b""), (["--version"], b"")):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([dsn, *args], input=stdin, stdout=full,
                               stderr=subprocess.PIPE, timeout=20)
        check(p.returncode == 1 and p.stderr.startswith(b"dsn: writing stdout"),
              f"{' '.join(args)} > /dev/full: exit {p.returncode}, {p.stderr!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dsn, src = sys.argv[1], sys.argv[2]
    rows = table_rows(src)
    check_functions(dsn, rows)
    check_registry(dsn, src)
    check_help_and_version(dsn, src)
    check_parse_sizes(dsn)
    check_write_errors(dsn)
    return report(failures, f"{len(rows)} functions and the registry checked")


if __name__ == "__main__":
    sys.exit(main())
