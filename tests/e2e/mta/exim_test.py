"""Exim end to end: Debian's exim4-daemon-heavy (4.96) from a private
configuration, its ACL filled by dsn_exim.so through ${dlfunc} and its
local_scan the example object of contrib/exim (Debian's local_scan_path);
a raw client records the exact bytes Exim sends for each; then the
bounces Exim writes for an unknown local user and for a relay to a
loopback server (dsn-smtpd) answering 550 5.1.1, read with Python's email.

    exim_test.py  (paths in the environment: DSN_EXIM_SO,
    DSN_EXIM_LOCAL_SCAN_SO, DSN_SMTPD, DSN_CLI; Exim from $DSN_EXIM_BIN
    or /usr/sbin/exim4)

Exim runs as root with -C (a caller root keeps root), its spool, logs and
pid file in a temporary directory owned by Exim's user."""
import os
import pwd
import subprocess

import mta
from mta import check_equal, record

EXIM = os.environ.get("DSN_EXIM_BIN", "/usr/sbin/exim4")
EXIM_USER = "Debian-exim"  # Debian's build (EXIM_USER)

CONF = """\
primary_hostname = exim.test
exim_path = {exim}
keep_environment =
spool_directory = {dir}/spool
log_file_path = {dir}/log/%slog
pid_file_path = {dir}/exim.pid
local_interfaces = 127.0.0.1
domainlist local_domains = local.test
domainlist relay_to_domains = remote.test : sender.test
acl_smtp_rcpt = acl_rcpt
local_scan_path = {local_scan}
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =

begin acl
acl_rcpt:
  deny  domains = remote.test
        local_parts = ghost
        message = ${{dlfunc{{{so}}}{{dsn_deny}}{{no_such_user}}}}
  deny  domains = remote.test
        local_parts = multi
        message = ${{dlfunc{{{so}}}{{dsn_deny}}{{sec_unauthorized}}\\
                  {{Relaying is not allowed\\nSee the policy\\nContact postmaster}}}}
  defer domains = remote.test
        local_parts = full
        message = ${{dlfunc{{{so}}}{{dsn_defer}}{{mbox_full}}{{}}{{452}}}}
  deny  domains = remote.test
        local_parts = wrongclass
        message = ${{dlfunc{{{so}}}{{dsn_deny}}{{mbox_full}}}}
  deny  domains = remote.test
        local_parts = indented
        message = ${{dlfunc{{{so}}}{{dsn_deny}}{{no_such_user}}{{first\\n  second}}}}
  deny  domains = remote.test
        local_parts = unmoved
        message = ${{dlfunc{{{so}}}{{dsn_reply}}{{mbox_full}}}}
  accept

begin routers
local_user:
  driver = accept
  domains = +local_domains
  check_local_user
  transport = local_delivery
to_catcher:
  driver = manualroute
  domains = +relay_to_domains
  route_list = * 127.0.0.1
  self = send
  transport = catcher_smtp

begin transports
catcher_smtp:
  driver = smtp
  port = {catcher}
  allow_localhost
local_delivery:
  driver = appendfile
  file = {dir}/mail/$local_part

begin retry
*  *  F,1m,1m
"""


class Exim:
    def __init__(self, catcher_port):
        self.dir = mta.workdir("/tmp/dsn-e2e-exim.")
        so = mta.require_program(os.environ.get("DSN_EXIM_SO"),
                                 "dsn_exim.so (contrib/exim)")
        local_scan = mta.require_program(
            os.environ.get("DSN_EXIM_LOCAL_SCAN_SO"),
            "dsn_local_scan_example.so (contrib/exim)")
        self.port = mta.free_ports(1)[0]
        user = pwd.getpwnam(EXIM_USER)
        for sub in ("spool", "log", "mail"):
            os.mkdir(os.path.join(self.dir, sub))
            os.chown(os.path.join(self.dir, sub), user.pw_uid, user.pw_gid)
        self.conf = os.path.join(self.dir, "exim.conf")
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(CONF.format(exim=EXIM, dir=self.dir, so=so,
                                local_scan=local_scan, catcher=catcher_port))
        check = subprocess.run([EXIM, "-C", self.conf, "-bV"],
                               capture_output=True, timeout=mta.WAIT,
                               check=False)
        if check.returncode != 0 or b"Expand_dlfunc" not in check.stdout:
            raise AssertionError("exim -bV (dlfunc needed: the heavy "
                                 "daemon): %r" % (check.stdout + check.stderr))
        self.daemon = mta.Daemon(
            [EXIM, "-C", self.conf, "-bdf", "-oX", str(self.port)],
            os.path.join(self.dir, "daemon.log"), [self.port])

    def rcpt(self, local_part):
        data, client = mta.rcpt_reply(self.port, local_part + "@remote.test")
        record("exim", "dlfunc " + local_part, data)
        return data, client

    def log(self):
        path = os.path.join(self.dir, "log", "mainlog")
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        self.daemon.stop()
        mta.remove(self.dir)


def main():
    mta.require_root()
    mta.require_program(EXIM, "Exim (Debian: exim4-daemon-heavy)")
    try:
        pwd.getpwnam(EXIM_USER)
    except KeyError:
        mta.skip_or_fail("no user %s (Debian's Exim packages make it)" %
                         EXIM_USER)
    mta.record_reset("exim")
    catcher = mta.catcher()
    exim = Exim(catcher.port)

    def rcpt(local_part):
        return lambda: exim.rcpt(local_part)

    # (scenario, RCPT to which local part of remote.test (the ACL lines of
    # CONF), the bytes Exim must send)
    replies = [
        ("dlfunc_one_line", rcpt("ghost"), b"550 5.1.1 No such user\r\n"),
        ("dlfunc_three_lines_code_on_every_line", rcpt("multi"),
         b"550-5.7.1 Relaying is not allowed\r\n"
         b"550-5.7.1 See the policy\r\n"
         b"550 5.7.1 Contact postmaster\r\n"),
        ("dlfunc_defer", rcpt("full"), b"452 4.2.2 Mailbox full\r\n"),
        # mbox_full is 450 4.2.2: under deny it must be 5yz ...
        ("dlfunc_class_moved_to_the_verb", rcpt("wrongclass"),
         b"550 5.2.2 Mailbox full\r\n"),
        # ... or Exim drops the code and the enhanced code for its own 550
        ("dlfunc_reply_keeps_a_class_exim_drops", rcpt("unmoved"),
         b"550 Mailbox full\r\n"),
        # Exim skips the white space that starts a line after the first
        ("dlfunc_later_lines_lose_leading_space", rcpt("indented"),
         b"550-5.1.1 first\r\n550 5.1.1 second\r\n"),
    ]

    def local_scan_two_lines():
        _, c = mta.rcpt_reply(exim.port, "ok@remote.test")
        c.send(b"DATA\r\n")
        check_equal(c.reply()[:3], b"354", "DATA")
        c.send(b"From: <sender@sender.test>\r\nSubject: no date\r\n\r\n"
               b"Hello.\r\n.\r\n")
        data = c.reply()
        record("exim", "local_scan", data)
        check_equal(data, b"550-5.6.0 Message lacks a Date: header\r\n"
                          b"550 5.6.0 RFC 5322 section 3.6 requires Date: "
                          b"and From:\r\n", "reply")
        mta.still_serving(c, exim.daemon)

    def bounce_of_an_unknown_local_user():
        mta.send_message(exim.port, "sender@sender.test", "ghost@local.test",
                         "exim unknown local user")
        # Exim writes Status 5.0.0, and the reason in the text part only
        mta.bounce(catcher, "exim unknown local user", "ghost@local.test",
                   "5.0.0", "Unrouteable address",
                   {"reporting_mta": "exim.test", "diagnostic": None},
                   field=False)

    def bounce_of_a_relay_answering_550():
        mta.send_message(exim.port, "sender@sender.test", "bob@remote.test",
                         "exim relay bounce")
        # Status 5.0.0 though the remote said 5.1.1: Exim 4.96 writes the
        # remote reply in Diagnostic-Code only
        # libdsn's reader: the remote reply's 5.1.1 is the status that
        # matters
        mta.bounce(catcher, "exim relay bounce", "bob@remote.test", "5.0.0",
                   "smtp; 550 5.1.1 No such user",
                   {"reporting_mta": "exim.test", "diagnostic_type": "smtp",
                    "diagnostic": "550 5.1.1 No such user",
                    "diagnostic_status": "5.1.1",
                    "remote_mta": "127.0.0.1"})

    try:
        rc = mta.run([mta.reply_scenario(name, send, want, exim.daemon)
                      for name, send, want in replies] +
                     [local_scan_two_lines, bounce_of_an_unknown_local_user,
                      bounce_of_a_relay_answering_550])
        exim.daemon.alive()
        if rc != 0:
            print("Exim's main log:\n" + exim.log())
    finally:
        exim.stop()
        catcher.stop()
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
