"""Shared by the dsn-smtpd end-to-end tests: start and stop the server,
compute expected replies with libdsn (smtpd-expect), run scenarios.

Every wait is bounded; every server started is killed on exit, even when
the test itself is killed (PR_SET_PDEATHSIG) or interrupted."""
import argparse
import atexit
import ctypes
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

WAIT = 10  # seconds: the bound of every single wait

_servers = []


def _kill_all():
    for proc in _servers:
        if proc.poll() is None:
            proc.kill()
            proc.wait(WAIT)


atexit.register(_kill_all)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))


def _die_with_parent():
    # Linux: the server gets SIGKILL when this test dies, even by SIGKILL
    # (a ctest timeout). Elsewhere atexit does what it can.
    try:
        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def options():
    p = argparse.ArgumentParser()
    p.add_argument("--server", required=True, help="dsn-smtpd binary")
    p.add_argument("--expect", required=True, help="smtpd-expect binary")
    return p.parse_args()


def skip_or_fail(what):
    """Software missing: skip (77), or fail when DSN_REQUIRE_E2E=1."""
    if os.environ.get("DSN_REQUIRE_E2E") == "1":
        print("FAIL: %s, and DSN_REQUIRE_E2E=1" % what)
        sys.exit(1)
    print("SKIP: %s" % what)
    sys.exit(77)


class Expect:
    """The reply libdsn formats, from the smtpd-expect program."""

    def __init__(self, path):
        self.path = path
        self.cache = {}

    def _run(self, args, enhanced):
        args = ([] if enhanced else ["--no-enhanced"]) + args
        key = tuple(args)
        if key not in self.cache:
            out = subprocess.run([self.path] + args, stdout=subprocess.PIPE,
                                 timeout=WAIT, check=True)
            self.cache[key] = out.stdout
        return self.cache[key]

    def __call__(self, name, text=None, code=None, enhanced=True):
        """dsn_NAME(text, code); text "@key" is a texts.def text."""
        args = [name]
        if text is not None or code is not None:
            args.append(text or "")
        if code is not None:
            args.append(str(code))
        return self._run(args, enhanced)

    def basic(self, code, text, enhanced=True):
        """dsn_basic(code, text); "\\n" in text starts a line."""
        return self._run(["basic", str(code), text], enhanced)

    # The replies dsn-smtpd sends without enhanced code (RFC 2034): its
    # greeting and EHLO texts are the server's protocol, written here once.
    def greeting(self, hostname="localhost", enhanced=True):
        return self.basic(220, hostname + " ESMTP dsn-smtpd", enhanced)

    def ehlo(self, hostname="localhost", max_size=10485760, enhanced=True):
        lines = [hostname]
        if enhanced:
            lines.append("ENHANCEDSTATUSCODES")
        lines += ["PIPELINING", "SIZE %d" % max_size, "8BITMIME"]
        return self.basic(250, "\\n".join(lines), enhanced)


class Server:
    """dsn-smtpd on 127.0.0.1, a port the kernel chose, in a fresh
    directory with a users file and a maildir."""

    USERS = "alice\nbob multiline  # three lines\ncarol long\n" \
            "dave accept\n# a comment line\n\n"

    def __init__(self, binary, *args, users=USERS):
        self.dir = tempfile.mkdtemp(prefix="dsn-smtpd-test.")
        self.maildir = os.path.join(self.dir, "maildir")
        cmd = [binary, "--port", "0", "--maildir", self.maildir]
        if users is not None:
            path = os.path.join(self.dir, "users")
            with open(path, "w") as f:
                f.write(users)
            cmd += ["--users", path]
        cmd += list(args)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE,
                                     preexec_fn=_die_with_parent)
        _servers.append(self.proc)
        ready, _, _ = select.select([self.proc.stdout], [], [], WAIT)
        line = self.proc.stdout.readline().decode() if ready else ""
        m = re.fullmatch(r"dsn-smtpd: listening on 127\.0\.0\.1:(\d+)\n",
                         line)
        if not m:
            self.proc.kill()
            raise AssertionError("server did not start: %r %r" % (
                line, self.proc.stderr.read(4096)))
        self.port = int(m.group(1))

    def stop(self):
        """SIGTERM; returns the exit status (it must be 0)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(WAIT)
            raise AssertionError("server ignored SIGTERM")
        self.proc.stdout.close()
        self.proc.stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        return rc

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_):
        rc = self.stop()
        if exc_type is None and rc != 0:
            raise AssertionError("server exited with %d on SIGTERM" % rc)

    def files(self, sub="new"):
        d = os.path.join(self.maildir, sub)
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def read_message(self, name):
        with open(os.path.join(self.maildir, "new", name), "rb") as f:
            return f.read()


class Client:
    """A raw SMTP connection: send bytes, read whole replies."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), WAIT)
        self.sock.settimeout(WAIT)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def reply(self):
        """One complete reply: lines up to the one with ' ' after the code."""
        out = b""
        deadline = time.monotonic() + WAIT
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                line, self.buf = self.buf[:i + 2], self.buf[i + 2:]
                out += line
                if len(line) < 4 or line[3:4] != b"-":
                    return out
                continue
            if time.monotonic() > deadline:
                raise AssertionError("no complete reply after %r" % out)
            data = self.sock.recv(65536)
            if not data:
                raise AssertionError("connection closed after %r" % out)
            self.buf += data

    def closed(self):
        """True when the server closed the connection with nothing more."""
        if self.buf:
            return False
        return self.sock.recv(1) == b""

    def close(self):
        self.sock.close()


def run(scenarios):
    """Runs each scenario function; prints one line each; exit status."""
    failed = 0
    for fn in scenarios:
        t = time.monotonic()
        try:
            fn()
        except Exception:  # report every scenario, then fail
            failed += 1
            print("FAIL %s" % fn.__name__)
            traceback.print_exc(file=sys.stdout)
            continue
        print("ok   %s (%.0f ms)" % (fn.__name__, 1000 * (time.monotonic() - t)))
    print("%d scenarios, %d failed" % (len(scenarios), failed))
    return 1 if failed else 0


def check_equal(got, want, what):
    if got != want:
        raise AssertionError("%s:\n  got  %r\n  want %r" % (what, got, want))


# Each situation and the libdsn call dsn-smtpd must answer it with: the
# specification these tests hold the server to. (function, text, code):
# text None is the function's default, "@key" a text of
# examples/smtpd/texts.def; code None the function's default. The table in
# examples/smtpd/README.md must say the same (protocol_test checks it).
SPEC = {
    "mail_ok": ("addr_unspecified", "@sender_ok", 250),
    "rcpt_ok": ("addr_rcpt_ok", None, None),
    "data_go": ("basic", "@data_go", 354),
    "accepted": ("unspecified", "@accepted", 250),
    "ok": ("unspecified", "@ok", 250),
    "vrfy": ("unspecified", "@vrfy", 252),
    "bye": ("unspecified", "@bye", 221),
    "no_such_user": ("no_such_user", None, None),
    "relaying": ("relaying_denied", None, None),
    "too_many_rcpts": ("proto_too_many_rcpts", None, 452),
    "too_big": ("sys_msg_too_big", None, 552),
    "unknown_command": ("proto_invalid_command", None, 500),
    "bad_syntax": ("proto_invalid_cmd_args", None, 501),
    "bad_sequence": ("proto_invalid_command", "@bad_sequence", 503),
    "line_too_long": ("proto_syntax_error", "@line_too_long", 500),
    "nul_in_command": ("proto_syntax_error", None, 500),
    "bad_param": ("proto_invalid_cmd_args", None, 555),
    "bad_sender": ("addr_bad_from_syntax", None, 501),
    "bad_recipient": ("addr_bad_dest_syntax", None, 501),
    "multiline": ("sec_unauthorized", "@multiline", None),
    "wrapped": ("mbox_disabled", "@wrapped", None),
    "local_error": ("sys_unspecified", "@local_error", 451),
    "shutdown": ("sys_not_accepting_mail", "@shutdown", 421),
    "too_many_clients": ("sys_not_accepting_mail", "@too_many_clients", 421),
    "idle_timeout": ("net_bad_connection", "@idle_timeout", 421),
}


def spec_call(key):
    """SPEC[key] as C, the way session.c writes it."""
    name, text, code = SPEC[key]
    t = "NULL" if text is None else "T(%s)" % text[1:]
    if name == "basic":
        return "dsn_basic(%d, %s)" % (code, t)
    return "dsn_%s(%s, %d)" % (name, t, code or 0)


def replies(E, enhanced=True):
    """The wire bytes of every SPEC reply, plus the greeting and the
    HELO/EHLO replies, as libdsn formats them."""
    r = {"greeting": E.greeting(enhanced=enhanced),
         "ehlo": E.ehlo(enhanced=enhanced),
         "helo": E.basic(250, "localhost", enhanced)}
    for key, (name, text, code) in SPEC.items():
        if name == "basic":
            r[key] = E.basic(code, text, enhanced)
        else:
            r[key] = E(name, text, code, enhanced)
    return r


def as_smtplib(wire):
    """(code, text) as smtplib reports a reply: each line's text after
    "NNN-"/"NNN ", stripped, joined by b"\\n" (smtplib.SMTP.getreply)."""
    lines = wire.split(b"\r\n")
    assert lines[-1] == b"", "reply does not end in CRLF: %r" % wire
    return (int(lines[0][:3]),
            b"\n".join(l[4:].strip(b" \t\r\n") for l in lines[:-1]))
