"""OpenSMTPD end to end: Debian's smtpd (6.8, filter protocol 0.6) with
the filters of examples/opensmtpd-filter (no library) and
contrib/opensmtpd (libopensmtpd 0.7), each on a listener of its own, and a
raw client that records the exact bytes smtpd sends back for each reply
libdsn wrote; then a bounce OpenSMTPD generates for a relay to a loopback
server (dsn-smtpd) answering 550 5.1.1, read with Python's email.

    opensmtpd_test.py  (paths in the environment: DSN_OPENSMTPD_FILTER,
    DSN_OSMTPD_EXAMPLE, DSN_SMTPD, DSN_CLI; smtpd from $DSN_SMTPD_BIN or
    /usr/sbin/smtpd)

OpenSMTPD's spool is compiled in (/var/spool/smtpd): the test runs only
when its queue is empty, and empties it again when done. Debian's own
instance must not be running (its control socket is the same)."""
import os
import subprocess

import mta
from mta import check_equal, record

SMTPD = os.environ.get("DSN_SMTPD_BIN", "/usr/sbin/smtpd")
QUEUE = "/var/spool/smtpd/queue"

# text of 300 words of 9 letters and a space: 3000 octets
LONG = " ".join(["abcdefghi"] * 300)


def expected(code_and_status, text):
    """What smtpd sends: the reply as the filter wrote it, CRLF."""
    return ("%s %s\r\n" % (code_and_status, text)).encode()


class OpenSMTPD:
    # listener name -> the filter command after the program
    FILTERS = {
        "user": ["alice"],
        "r421": ["-r", "sys_not_accepting_mail", "-m", "Going down now",
                 "-c", "421", "alice"],
        "multi": ["-m", "first", "-m", "second", "alice"],
        "long": ["-m", LONG, "alice"],
        "disc": ["-d", "alice"],
    }

    def __init__(self, catcher_port):
        self.dir = mta.workdir("/tmp/dsn-e2e-opensmtpd.")
        names = list(self.FILTERS) + ["lib", "plain"]
        self.port = dict(zip(names, mta.free_ports(len(names))))
        filt = mta.require_program(os.environ.get("DSN_OPENSMTPD_FILTER"),
                                   "dsn-opensmtpd-filter")
        lib = mta.require_program(os.environ.get("DSN_OSMTPD_EXAMPLE"),
                                  "dsn-osmtpd-example (contrib/opensmtpd)")
        conf = []
        for name, args in self.FILTERS.items():
            conf.append('filter "f_%s" proc-exec "%s"' % (
                name, " ".join([filt] + ["'%s'" % a for a in args])))
        conf.append('filter "f_lib" proc-exec "%s -m \'%s\' alice"' % (
            lib, "100% sure %s %n"))
        for name in names:
            conf.append("listen on 127.0.0.1 port %d%s" % (
                self.port[name],
                "" if name == "plain" else ' filter "f_%s"' % name))
        conf += [
            'action "relay" relay host smtp://127.0.0.1:%d' % catcher_port,
            'action "local" mbox',
            'match from any for domain "local.test" action "local"',
            'match from any for domain "remote.test" action "relay"',
            'match from any for domain "sender.test" action "relay"',
        ]
        path = os.path.join(self.dir, "smtpd.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(conf) + "\n")
        check = subprocess.run([SMTPD, "-n", "-f", path], capture_output=True,
                               timeout=mta.WAIT, check=False)
        if check.returncode != 0:
            raise AssertionError("smtpd -n: %r" % check.stderr)
        self.daemon = mta.Daemon([SMTPD, "-d", "-f", path],
                                 os.path.join(self.dir, "smtpd.log"),
                                 self.port.values())

    def rcpt(self, name, rcpt="ghost@remote.test"):
        data, client = mta.rcpt_reply(self.port[name], rcpt)
        record("opensmtpd", name, data)
        return data, client

    def stop(self):
        self.daemon.stop()
        mta.remove(self.dir)


def queue_files():
    return [os.path.join(d, f) for d, _, fs in os.walk(QUEUE) for f in fs]


def main():
    mta.require_root()
    mta.require_program(SMTPD, "OpenSMTPD's smtpd (Debian: opensmtpd)")
    if queue_files():
        mta.skip_or_fail("%s holds mail: this test runs on an idle "
                         "OpenSMTPD only" % QUEUE)
    mta.record_reset("opensmtpd")
    catcher = mta.catcher()
    smtpd = OpenSMTPD(catcher.port)

    def rcpt(listener, address="ghost@remote.test"):
        return lambda: smtpd.rcpt(listener, address)

    # (scenario, RCPT on which listener, the bytes smtpd must send, whether
    # it closes the session)
    replies = [
        ("single_line_reject", rcpt("user"),
         b"550 5.1.1 No such user\r\n", False),
        ("known_user_proceeds", rcpt("user", "alice@remote.test"),
         b"250 2.1.5 Destination address valid: Recipient ok\r\n", False),
        ("reply_421_disconnects", rcpt("r421"),
         b"421 4.3.2 Going down now\r\n", True),
        ("disconnect_flag_closes_after_550", rcpt("disc"),
         b"550 5.1.1 No such user\r\n", True),
        ("two_lines_joined", rcpt("multi"),
         b"550 5.1.1 first second\r\n", False),
        # 2047 octets a line: 48 for the ids, 7 for "reject|", 1992 left
        ("long_text_cut_at_the_limit", rcpt("long"),
         expected("550 5.1.1", LONG)[:1992] + b"\r\n", False),
        ("libopensmtpd_percent_verbatim", rcpt("lib"),
         b"550 5.1.1 100% sure %s %n\r\n", False),
    ]

    def unknown_local_user_refused_not_bounced():
        # OpenSMTPD looks local users up at RCPT time, for SMTP and for
        # its sendmail(8) alike: it never accepts mail for an unknown local
        # user, so it writes no bounce for one
        data, c = mta.rcpt_reply(smtpd.port["plain"], "ghost@local.test")
        record("opensmtpd", "unknown local user", data)
        check_equal(data, b"550 Invalid recipient: <ghost@local.test>\r\n",
                    "reply")
        mta.still_serving(c, smtpd.daemon)

    def bounce_of_a_relay_answering_550():
        mta.send_message(smtpd.port["plain"], "sender@sender.test",
                         "bob@remote.test", "opensmtpd relay bounce")
        # OpenSMTPD 6.8 writes Status 5.0.0 and keeps the remote reply
        # for the text part only
        # ... and libdsn's reader makes no code up from the prose
        mta.bounce(catcher, "opensmtpd relay bounce", "bob@remote.test",
                   "5.0.0", "550 5.1.1 No such user",
                   {"diagnostic": None, "diagnostic_status": None},
                   report=False, field=False)

    try:
        rc = mta.run([mta.reply_scenario(name, send, want, smtpd.daemon,
                                         closes)
                      for name, send, want, closes in replies] +
                     [unknown_local_user_refused_not_bounced,
                      bounce_of_a_relay_answering_550])
        smtpd.daemon.alive()
    finally:
        smtpd.stop()
        catcher.stop()
        for f in queue_files():  # empty at start: all of it is ours
            os.remove(f)
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
