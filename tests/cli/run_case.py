#!/usr/bin/env python3
"""Runs the built dsn program on one case file and compares its stdout,
stderr and exit status with the case's, byte for byte.

Usage: run_case.py DSN CASE-FILE

A case file is sections, each opened by a line "@@ <name> [<mode>]":
  @@ args      the arguments after "dsn", one per line
  @@ stdin     what the program reads (empty when absent)
  @@ stdout    what it must write to stdout (empty when absent)
  @@ stderr    what it must write to stderr (empty when absent)
  @@ exit N    its exit status (required)
  @@ env       NAME=VALUE lines added to its environment (which has no
               NO_COLOR or TERM unless given here)
  @@ tty       (no body) stdout is a pseudo-terminal instead of a pipe
Lines before the first section describe the case. A section's body is its
lines, each ending in LF; mode "crlf" ends each in CRLF instead; mode
"escaped" joins the lines without any line end and decodes the C escapes
\\r \\n \\t \\\\ \\xHH in them (for args: each line is one argument, decoded).
Exit status 0 when everything matches, 1 with a diff when not.
"""
import difflib
import os
import pty
import re
import subprocess
import sys
import tty

ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{2}|[rnt\\])")


def unescape(b):
    def one(m):
        t = m.group(1)
        if t.startswith(b"x"):
            return bytes([int(t[1:], 16)])
        return {b"r": b"\r", b"n": b"\n", b"t": b"\t", b"\\": b"\\"}[t]

    return ESCAPE.sub(one, b)


def body(lines, mode):
    if mode == b"escaped":
        return b"".join(unescape(line) for line in lines)
    end = b"\r\n" if mode == b"crlf" else b"\n"
    return b"".join(line + end for line in lines)


def read_case(path):
    with open(path, "rb") as f:
        text = f.read()
    if not text.endswith(b"\n"):
        sys.exit(f"{path}: the last line has no line end")
    case = {"args": [], "stdin": b"", "stdout": b"", "stderr": b"",
            "env": {}, "tty": False}
    name, mode, lines = None, None, []

    def close():
        if name == b"args":
            case["args"] = [unescape(x) if mode == b"escaped" else x for x in lines]
        elif name in (b"stdin", b"stdout", b"stderr"):
            case[name.decode()] = body(lines, mode)
        elif name == b"env":
            for line in lines:
                key, _, value = line.partition(b"=")
                case["env"][key.decode()] = value.decode()
        elif name == b"tty":
            if lines:
                sys.exit(f"{path}: @@ tty has no body")
            case["tty"] = True
        elif name not in (None, b"exit-done"):
            sys.exit(f"{path}: unknown section {name!r}")

    for line in text[:-1].split(b"\n"):
        if line.startswith(b"@@ "):
            close()
            words = line[3:].split()
            name, mode, lines = words[0], None, []
            if name == b"exit":
                case["exit"] = int(words[1])
                name = b"exit-done"
            elif len(words) > 1:
                mode = words[1]
                if mode not in (b"crlf", b"escaped"):
                    sys.exit(f"{path}: unknown mode {mode!r}")
        elif name == b"exit-done":
            sys.exit(f"{path}: text after @@ exit")
        elif name is not None:
            lines.append(line)
    close()
    if "exit" not in case:
        sys.exit(f"{path}: no @@ exit")
    return case


def diff(what, want, got):
    sys.stdout.write(f"--- {what} differs (- expected, + got):\n")
    for line in difflib.unified_diff(
        want.decode("utf-8", "replace").splitlines(True),
        got.decode("utf-8", "replace").splitlines(True),
        lineterm="",
    ):
        sys.stdout.write(repr(line)[1:-1] + "\n")


def run_on_tty(argv, stdin, env):
    """Runs argv with stdout on a pseudo-terminal in raw mode (so the
    bytes arrive as written, LF not turned into CRLF); returns
    (returncode, stdout, stderr)."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=slave,
                         stderr=subprocess.PIPE, env=env)
    os.close(slave)
    p.stdin.write(stdin)
    p.stdin.close()
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program closed the terminal's last end
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    err = p.stderr.read()
    return p.wait(timeout=20), out, err


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dsn, path = sys.argv[1], sys.argv[2]
    case = read_case(path)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env.update(case["env"], LC_ALL="C")
    argv = [dsn] + case["args"]
    if case["tty"]:
        code, out, err = run_on_tty(argv, case["stdin"], env)
    else:
        p = subprocess.run(argv, input=case["stdin"], capture_output=True,
                           env=env, timeout=20)
        code, out, err = p.returncode, p.stdout, p.stderr
    ok = True
    for stream, got in (("stdout", out), ("stderr", err)):
        if got != case[stream]:
            diff(stream, case[stream], got)
            ok = False
    if code != case["exit"]:
        print(f"--- exit status {code}, expected {case['exit']}")
        ok = False
    args = " ".join(repr(a.decode("utf-8", "replace")) for a in case["args"])
    print(f"{'ok' if ok else 'FAIL'}: dsn {args}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
