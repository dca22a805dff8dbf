"""Python's smtplib as the client of dsn-smtpd: for each scenario the code
and text smtplib reports equal libdsn's dsn_format output for the call the
situation maps to (harness.replies), read the way smtplib reads a reply."""
import smtplib
import sys

from harness import (WAIT, Expect, Server, as_smtplib, check_equal, options,
                     replies, run)

ARGS = options()
E = Expect(ARGS.expect)
R = {k: as_smtplib(v) for k, v in replies(E).items()}
RN = {k: as_smtplib(v) for k, v in replies(E, enhanced=False).items()}
FROM = "sender@example.org"
MSG = (b"Subject: smtplib\r\n\r\nfirst line\r\n.a line with a dot\r\n"
       b"..two\r\nlast\r\n")


def server(*args, **kw):
    return Server(ARGS.server, *args, **kw)


def connect(srv, r=R):
    s = smtplib.SMTP(timeout=WAIT)
    check_equal(s.connect("127.0.0.1", srv.port), r["greeting"], "connect")
    check_equal(s.ehlo("client.example"), r["ehlo"], "ehlo")
    return s


def ehlo_features_and_quit():
    with server() as srv:
        s = connect(srv)
        for kw in ("enhancedstatuscodes", "pipelining", "8bitmime"):
            assert s.has_extn(kw), kw
        check_equal(s.esmtp_features.get("size"), "10485760", "SIZE")
        check_equal(s.helo("client.example"), R["helo"], "helo")
        check_equal(s.noop(), R["ok"], "noop")
        check_equal(s.rset(), R["ok"], "rset")
        check_equal(s.verify("alice"), R["vrfy"], "vrfy")
        check_equal(s.quit(), R["bye"], "quit")


def delivered_message():
    with server() as srv:
        s = connect(srv)
        check_equal(s.mail(FROM), R["mail_ok"], "mail")
        check_equal(s.rcpt("alice@localhost"), R["rcpt_ok"], "rcpt")
        check_equal(s.rcpt("dave@LOCALHOST"), R["rcpt_ok"], "rcpt")
        check_equal(s.data(MSG), R["accepted"], "data")
        check_equal(s.sendmail(FROM, ["alice@localhost"], MSG), {},
                    "sendmail")
        s.quit()
        files = srv.files()
        check_equal(len(files), 2, "messages in new/")
        for f in files:
            check_equal(srv.read_message(f), MSG, "delivered message")


def refused_recipients():
    with server() as srv:
        s = connect(srv)
        check_equal(s.mail(FROM), R["mail_ok"], "mail")
        for rcpt, name in (("zed@localhost", "no_such_user"),
                           ("alice@example.com", "relaying"),
                           ("bob@localhost", "multiline"),
                           ("carol@localhost", "wrapped")):
            check_equal(s.rcpt(rcpt), R[name], "rcpt " + name)
        s.rset()
        try:
            s.sendmail(FROM, ["zed@localhost", "bob@localhost"], MSG)
            raise AssertionError("sendmail to refused recipients passed")
        except smtplib.SMTPRecipientsRefused as e:
            check_equal(e.recipients, {"zed@localhost": R["no_such_user"],
                                       "bob@localhost": R["multiline"]},
                        "SMTPRecipientsRefused")
        s.quit()


def too_many_recipients():
    with server("--max-rcpts", "1") as srv:
        s = connect(srv)
        check_equal(s.sendmail(FROM, ["alice@localhost", "dave@localhost"],
                               MSG),
                    {"dave@localhost": R["too_many_rcpts"]}, "sendmail")
        s.quit()
        check_equal(len(srv.files()), 1, "messages in new/")


def size_over_the_limit():
    with server("--max-size", "60") as srv:
        s = smtplib.SMTP(timeout=WAIT)
        s.connect("127.0.0.1", srv.port)
        s.ehlo("client.example")
        check_equal(s.esmtp_features.get("size"), "60", "SIZE")
        try:  # smtplib declares SIZE= itself when SIZE is advertised
            s.sendmail(FROM, ["alice@localhost"], MSG)
            raise AssertionError("sendmail over SIZE passed")
        except smtplib.SMTPSenderRefused as e:
            check_equal((e.smtp_code, e.smtp_error), R["too_big"],
                        "SMTPSenderRefused")
        s.rset()
        s.mail(FROM)
        s.rcpt("alice@localhost")
        # data() raises only when DATA itself is refused; the reply to the
        # message is its return value
        check_equal(s.data(MSG), R["too_big"], "data over the limit")
        s.quit()
        check_equal(srv.files() + srv.files("tmp"), [], "maildir")


def command_errors():
    with server() as srv:
        s = connect(srv)
        check_equal(s.docmd("FOO"), R["unknown_command"], "unknown")
        check_equal(s.docmd("MAIL", "FROM:nobody"), R["bad_syntax"], "syntax")
        check_equal(s.docmd("DATA"), R["bad_sequence"], "sequence")
        check_equal(s.docmd("RCPT", "TO:<alice@localhost>"),
                    R["bad_sequence"], "sequence")
        check_equal(s.docmd("NOOP", "x" * 2000), R["line_too_long"],
                    "2,000-octet line")
        check_equal(s.docmd("MAIL", "FROM:<a@b.example> X=1"),
                    R["bad_param"], "parameter")
        check_equal(s.quit(), R["bye"], "quit")


def no_enhanced_status_codes():
    with server("--no-enhanced") as srv:
        s = connect(srv, RN)
        assert not s.has_extn("enhancedstatuscodes")
        check_equal(s.mail(FROM), RN["mail_ok"], "mail")
        for rcpt, name in (("zed@localhost", "no_such_user"),
                           ("alice@example.com", "relaying"),
                           ("bob@localhost", "multiline"),
                           ("carol@localhost", "wrapped"),
                           ("alice@localhost", "rcpt_ok")):
            check_equal(s.rcpt(rcpt), RN[name], "rcpt " + name)
        check_equal(s.data(MSG), RN["accepted"], "data")
        check_equal(s.docmd("FOO"), RN["unknown_command"], "unknown")
        check_equal(s.quit(), RN["bye"], "quit")


sys.exit(run([
    ehlo_features_and_quit,
    delivered_message,
    refused_recipients,
    too_many_recipients,
    size_over_the_limit,
    command_errors,
    no_enhanced_status_codes,
]))
