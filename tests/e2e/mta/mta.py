"""Shared by the OpenSMTPD and Exim end-to-end tests: a real MTA started
on 127.0.0.1 ports from a private configuration, stopped by PID; the exact
bytes a client receives, recorded; bounces caught by dsn-smtpd and read
with Python's email package.

Builds on tests/e2e/server/harness.py (Client, Server, run, check_equal,
skip_or_fail). Every wait is bounded; every process started is killed on
exit, and gets SIGKILL if the test dies first."""
import email
import email.policy
import email.utils
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "server"))
import harness  # noqa: E402  pylint: disable=wrong-import-position

from harness import Client, check_equal, run, skip_or_fail  # noqa: E402,F401

WAIT = harness.WAIT
BOUNCE_WAIT = 60  # seconds an MTA may take to deliver and bounce


def require_root():
    if os.geteuid() != 0:
        skip_or_fail("needs root to run the MTA")


def require_program(path, what):
    if not path or not os.access(path, os.X_OK):
        skip_or_fail("%s not found (%s)" % (what, path or "no path"))
    return path


def free_ports(n):
    """n TCP ports nobody listens on at the moment, on 127.0.0.1."""
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


def wait_for(what, check, limit=WAIT):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("timed out after %ds waiting for %s" % (limit, what))


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), 1).close()
        return True
    except OSError:
        return False


class Daemon:
    """An MTA in the foreground, its output in a log file; stopped by PID
    with SIGTERM, then SIGKILL after WAIT seconds."""

    def __init__(self, cmd, log, ports):
        self.log = log
        self.out = open(log, "wb")  # pylint: disable=consider-using-with
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            cmd, stdout=self.out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=harness._die_with_parent)  # pylint: disable=protected-access
        harness._servers.append(self.proc)  # pylint: disable=protected-access
        for port in ports:
            wait_for("%s on 127.0.0.1:%d" % (cmd[0], port),
                     lambda p=port: self.alive() and port_open(p))

    def alive(self):
        if self.proc.poll() is not None:
            raise AssertionError("%s exited with %s:\n%s" % (
                self.proc.args[0], self.proc.returncode, self.text()))
        return True

    def text(self):
        self.out.flush()
        with open(self.log, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(WAIT)
        self.out.close()


def record_reset(server):
    """Drops the lines of server's earlier runs from $DSN_E2E_RECORD."""
    path = os.environ.get("DSN_E2E_RECORD")
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            keep = [l for l in f if not l.startswith(server + " ")]
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(keep)


def record(server, case, data):
    """Prints the exact bytes a client received; appends them to the file
    $DSN_E2E_RECORD when set (the closing note quotes them)."""
    line = "%s %s: %r" % (server, case, data)
    print("   bytes " + line)
    path = os.environ.get("DSN_E2E_RECORD")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def rcpt_reply(port, rcpt, sender="sender@sender.test"):
    """EHLO, MAIL, RCPT: returns (the RCPT reply's bytes, the client)."""
    c = Client(port)
    c.reply()
    c.send(b"EHLO client.test\r\n")
    c.reply()
    c.send(b"MAIL FROM:<%s>\r\n" % sender.encode())
    check_equal(c.reply()[:1], b"2", "MAIL FROM accepted")
    c.send(b"RCPT TO:<%s>\r\n" % rcpt.encode())
    return c.reply(), c


def still_serving(client, daemon):
    """The session goes on after a reject (RSET gets 250), and the MTA is
    alive; then QUIT."""
    client.send(b"RSET\r\n")
    check_equal(client.reply()[:3], b"250", "RSET after the reject")
    client.send(b"QUIT\r\n")
    client.reply()
    client.close()
    daemon.alive()


def closed(client):
    """The MTA closed the session after its reply."""
    if not client.closed():
        raise AssertionError("session not closed after the reply")
    client.close()


def reply_scenario(name, send, want, daemon, closes=False):
    """A scenario for run(): send() returns (reply bytes, client); the
    bytes must be want, then the session must be closed (closes) or go on
    with the MTA alive."""
    def scenario():
        data, client = send()
        check_equal(data, want, "reply")
        if closes:
            closed(client)
        else:
            still_serving(client, daemon)
    scenario.__name__ = name
    return scenario


def send_message(port, sender, rcpt, subject):
    """A whole transaction that the MTA accepts (it bounces later)."""
    data, c = rcpt_reply(port, rcpt, sender)
    check_equal(data[:3], b"250", "RCPT TO <%s> accepted" % rcpt)
    c.send(b"DATA\r\n")
    check_equal(c.reply()[:3], b"354", "DATA")
    c.send(b"From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nDate: %s\r\n"
           b"Message-ID: <%s@client.test>\r\n\r\nHello.\r\n.\r\n" % (
               sender.encode(), rcpt.encode(), subject.encode(),
               email.utils.formatdate().encode(),
               subject.replace(" ", "-").encode()))
    check_equal(c.reply()[:3], b"250", "message accepted")
    c.send(b"QUIT\r\n")
    c.reply()
    c.close()


def catcher(extra_users=""):
    """dsn-smtpd answering for remote.test and sender.test: RCPT to a user
    it does not know gets "550 5.1.1 No such user"; sender@sender.test (the
    bounces' recipient) is delivered to its maildir."""
    binary = os.environ.get("DSN_SMTPD", "")
    require_program(binary, "dsn-smtpd (examples/smtpd)")
    return harness.Server(binary, "--domain", "remote.test", "--domain",
                          "sender.test", "--hostname", "remote.test",
                          users="sender\n" + extra_users)


def wait_bounce(server, about):
    """The message delivered to server's maildir whose Subject mentions
    about (the bounce quotes the original subject somewhere)."""
    found = []

    def look():
        for name in server.files():
            raw = server.read_message(name)
            if about.encode() in raw:
                found.append(raw)
                return True
        return False

    wait_for("the bounce of %r" % about, look, BOUNCE_WAIT)
    return found[0]


def check_bounce(raw, rcpt, status, diagnostic, report=True, field=True):
    """Python's email reads the bounce: one message/delivery-status part
    with one per-recipient group for rcpt, Action failed, Status status.
    report: the message is multipart/report; report-type=delivery-status
    (RFC 3464 2.1), else multipart/mixed (OpenSMTPD 6.8). field: the group's
    Diagnostic-Code holds diagnostic; else it has none and the text/plain
    part holds diagnostic after rcpt (OpenSMTPD, and Exim for an address
    it could not route). Returns the message; on failure shows the
    bounce."""
    try:
        return _check_bounce(raw, rcpt, status, diagnostic, report, field)
    except AssertionError as e:
        raise AssertionError("%s\nthe bounce:\n%s" % (
            e, raw.decode("utf-8", "replace"))) from None


def _check_bounce(raw, rcpt, status, diagnostic, report, field):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    check_equal(msg.get_content_type(),
                "multipart/report" if report else "multipart/mixed",
                "bounce type")
    if report:
        check_equal(msg.get_param("report-type"), "delivery-status",
                    "report-type")
    parts = [p for p in msg.walk()
             if p.get_content_type() == "message/delivery-status"]
    check_equal(len(parts), 1, "message/delivery-status parts")
    groups = parts[0].get_payload()  # per-message, then per-recipient
    rcpts = [g for g in groups[1:]
             if rcpt.lower() in str(g.get("Final-Recipient", "")).lower()]
    check_equal(len(rcpts), 1, "per-recipient groups for %s" % rcpt)
    g = rcpts[0]
    check_equal(str(g.get("Action", "")).strip().lower(), "failed", "Action")
    check_equal(str(g.get("Status", "")).strip(), status, "Status")
    if field:
        diag = " ".join(str(g.get("Diagnostic-Code", "")).split())
    else:
        check_equal(g.get("Diagnostic-Code"), None, "Diagnostic-Code")
        text = next(p for p in msg.walk()
                    if p.get_content_type() == "text/plain").get_content()
        diag = " ".join(text[text.find(rcpt):].split()) if rcpt in text \
            else ""
    if diagnostic not in diag:
        raise AssertionError("diagnostic %r lacks %r" % (diag[:200],
                                                         diagnostic))
    return msg


def bounce(catcher, about, rcpt, status, diagnostic, read, **shape):
    """Waits for the bounce of the message whose subject is about, checks
    it with Python's email (check_bounce), then with `dsn report --json`:
    its one record for rcpt must hold Action failed, Status status and the
    fields of read (e.g. {"diagnostic": None})."""
    raw = wait_bounce(catcher, about)
    check_bounce(raw, rcpt, status, diagnostic, **shape)
    records = [r for r in dsn_report_json(raw)
               if r["recipient"].lower() == rcpt.lower()]
    check_equal(len(records), 1, "dsn report records for %s" % rcpt)
    print("   dsn report --json: %s" % json.dumps(records[0]))
    want = dict(read, action="failed", status=status)
    got = {k: records[0].get(k) for k in want}
    check_equal(got, want, "dsn report --json")


def dsn_report_json(raw):
    """What `dsn report --json` reads in the bounce: one dict a
    recipient."""
    cli = os.environ.get("DSN_CLI", "")
    require_program(cli, "the dsn program (dsn report)")
    out = subprocess.run([cli, "report", "--json"], input=raw,
                         capture_output=True, timeout=WAIT, check=False)
    if out.returncode != 0:
        raise AssertionError("dsn report --json: exit %d: %r" % (
            out.returncode, out.stderr))
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def workdir(prefix):
    d = tempfile.mkdtemp(prefix=prefix)
    os.chmod(d, 0o755)
    return d


def remove(d):
    if os.environ.get("DSN_KEEP_E2E") != "1":
        shutil.rmtree(d, ignore_errors=True)
