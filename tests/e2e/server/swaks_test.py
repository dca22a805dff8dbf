"""swaks as the client of dsn-smtpd: for each scenario the reply lines
swaks prints (after "<-  " for success, "<** " for failure) are, in order,
exactly the lines of libdsn's dsn_format output for the calls the
situations map to (harness.replies). Skips (77) without swaks unless
DSN_REQUIRE_E2E=1."""
import os
import shutil
import subprocess
import sys

from harness import (WAIT, Expect, Server, check_equal, options, replies,
                     run, skip_or_fail)

ARGS = options()
if shutil.which("swaks") is None:
    skip_or_fail("swaks is not installed")
E = Expect(ARGS.expect)
R = replies(E)
RN = replies(E, enhanced=False)
MSG = b"Subject: swaks\r\n\r\n.a line with a dot\r\n..two\r\nlast\r\n"
SERVER_PREFIXES = (b"<-  ", b"<** ")


def server(*args, **kw):
    return Server(ARGS.server, *args, **kw)


def swaks(srv, to, *extra):
    """Runs swaks; returns the server's reply lines it printed, CRLF
    restored, as one byte string."""
    data = os.path.join(srv.dir, "message")
    with open(data, "wb") as f:
        f.write(MSG.replace(b"\r\n", b"\n"))
    out = subprocess.run(
        ["swaks", "--server", "127.0.0.1", "--port", str(srv.port),
         "--from", "sender@example.org", "--to", to,
         "--ehlo", "client.example", "--timeout", str(WAIT),
         "--data", "@" + data] + list(extra),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=3 * WAIT)
    return b"".join(l[4:] + b"\r\n" for l in out.stdout.split(b"\n")
                    if l.startswith(SERVER_PREFIXES))


def transcript(r, *names):
    return b"".join(r[n] for n in ("greeting", "ehlo") + names + ("bye",))


def delivered():
    with server() as srv:
        check_equal(swaks(srv, "alice@localhost"),
                    transcript(R, "mail_ok", "rcpt_ok", "data_go",
                               "accepted"), "swaks transcript")
        files = srv.files()
        check_equal(len(files), 1, "messages in new/")
        check_equal(srv.read_message(files[0]), MSG + b"\r\n",
                    "delivered message (swaks adds an empty last line)")


def rejected(to, key):
    """A scenario: RCPT TO:<to> refused with reply `key`."""
    def scenario():
        with server() as srv:
            check_equal(swaks(srv, to), transcript(R, "mail_ok", key),
                        "transcript")
    scenario.__name__ = "rejected_" + key
    return scenario


def too_many_recipients_pipelined():
    with server("--max-rcpts", "1") as srv:
        check_equal(swaks(srv, "alice@localhost,dave@localhost",
                          "--pipeline"),
                    transcript(R, "mail_ok", "rcpt_ok", "too_many_rcpts",
                               "data_go", "accepted"), "transcript")


def size_over_the_limit():
    with server("--max-size", "40") as srv:
        r = dict(R, ehlo=E.ehlo(max_size=40))
        check_equal(swaks(srv, "alice@localhost"),
                    transcript(r, "mail_ok", "rcpt_ok", "data_go",
                               "too_big"), "transcript")
        check_equal(srv.files() + srv.files("tmp"), [], "maildir")


def no_enhanced_status_codes():
    with server("--no-enhanced") as srv:
        check_equal(swaks(srv, "bob@localhost"),
                    transcript(RN, "mail_ok", "multiline"), "transcript")
        check_equal(swaks(srv, "alice@localhost"),
                    transcript(RN, "mail_ok", "rcpt_ok", "data_go",
                               "accepted"), "transcript")


sys.exit(run([
    delivered,
    rejected("zed@localhost", "no_such_user"),
    rejected("alice@example.com", "relaying"),
    rejected("bob@localhost", "multiline"),
    rejected("carol@localhost", "wrapped"),
    too_many_recipients_pipelined,
    size_over_the_limit,
    no_enhanced_status_codes,
]))
