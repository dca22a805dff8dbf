"""dsn-smtpd over a raw socket: every reply, byte for byte, equals what
libdsn's dsn_format gives for the call the situation maps to (harness.replies).
Needs only python3."""
import os
import re
import subprocess
import sys
import threading
import time

from harness import (SPEC, WAIT, Client, Expect, Server, check_equal,
                     options, replies, run, spec_call)

ARGS = options()
E = Expect(ARGS.expect)
R = replies(E)
RN = replies(E, enhanced=False)


def server(*args, **kw):
    return Server(ARGS.server, *args, **kw)


def opened(srv, r=R, ehlo=True):
    c = Client(srv.port)
    check_equal(c.reply(), r["greeting"], "greeting")
    if ehlo:
        say(c, b"EHLO client.example\r\n", r["ehlo"])
    return c


def say(c, line, want):
    c.send(line)
    check_equal(c.reply(), want, "reply to %r" % line[:60])


def transaction(c, rcpts=(b"alice@localhost",), r=R):
    say(c, b"MAIL FROM:<sender@example.org>\r\n", r["mail_ok"])
    for rcpt in rcpts:
        say(c, b"RCPT TO:<" + rcpt + b">\r\n", r["rcpt_ok"])
    say(c, b"DATA\r\n", r["data_go"])


def greeting_ehlo_helo_noop_rset_vrfy_quit():
    with server() as srv:
        c = opened(srv)
        say(c, b"HELO client.example\r\n", R["helo"])
        say(c, b"NOOP\r\n", R["ok"])
        say(c, b"noop with an argument\r\n", R["ok"])
        say(c, b"RSET\r\n", R["ok"])
        say(c, b"VRFY alice\r\n", R["vrfy"])
        say(c, b"VRFY\r\n", R["bad_syntax"])
        say(c, b"QUIT\r\n", R["bye"])
        assert c.closed(), "connection open after QUIT"


def delivery_with_dot_unstuffing():
    body = (b"Subject: dots\r\n\r\nline one\r\n.leading dot\r\n"
            b"..two dots\r\n.\xc3\xa9 8-bit\r\n. \r\n\r\n"
            # longer than the server's input buffer: stored in pieces
            b"." + b"long " * 5000 + b"\r\nlast\r\n")
    stuffed = b"".join(b"." + l if l.startswith(b".") else l
                       for l in body.splitlines(True))
    with server() as srv:
        c = opened(srv)
        transaction(c, (b"alice@localhost", b"dave@LOCALHOST",
                        b"Postmaster"))
        say(c, stuffed + b".\r\n", R["accepted"])
        files = srv.files()
        check_equal(len(files), 1, "messages in new/")
        check_equal(srv.read_message(files[0]), body, "delivered message")
        check_equal(srv.files("tmp"), [], "tmp/ after delivery")
        say(c, b"QUIT\r\n", R["bye"])


def empty_message_and_null_sender():
    with server() as srv:
        c = opened(srv)
        say(c, b"MAIL FROM:<>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<@relay.example:alice@localhost>\r\n", R["rcpt_ok"])
        say(c, b"DATA\r\n", R["data_go"])
        say(c, b".\r\n", R["accepted"])
        check_equal(srv.read_message(srv.files()[0]), b"", "empty message")


def pipelining_in_one_write():
    with server() as srv:
        c = opened(srv)
        c.send(b"MAIL FROM:<s@example.org> BODY=8BITMIME SIZE=20\r\n"
               b"RCPT TO:<alice@localhost>\r\nRCPT TO:<nobody@localhost>\r\n"
               b"RCPT TO:<x@example.com>\r\nDATA\r\nhello\r\n.\r\n"
               b"NOOP\r\nQUIT\r\n")
        for name in ("mail_ok", "rcpt_ok", "no_such_user", "relaying",
                     "data_go", "accepted", "ok", "bye"):
            check_equal(c.reply(), R[name], "pipelined " + name)
        assert c.closed()
        check_equal(srv.read_message(srv.files()[0]), b"hello\r\n", "message")


def partial_lines_byte_by_byte():
    with server() as srv:
        c = opened(srv, ehlo=False)
        for b in b"EHLO x\r\n":
            c.send(bytes([b]))
            time.sleep(0.002)
        check_equal(c.reply(), R["ehlo"], "EHLO sent byte by byte")
        transaction(c)
        # the end of data split everywhere it can be
        for piece in (b"a\r", b"\n.", b"\r", b"\n"):
            c.send(piece)
            time.sleep(0.02)
        check_equal(c.reply(), R["accepted"], "data end in pieces")
        check_equal(srv.read_message(srv.files()[0]), b"a\r\n", "message")


def line_length_limits():
    # RFC 5321 4.5.3.1.4: 512 octets with CRLF is the most a command has
    with server() as srv:
        c = opened(srv)
        say(c, b"NOOP " + b"x" * 505 + b"\r\n", R["ok"])
        say(c, b"NOOP " + b"x" * 506 + b"\r\n", R["line_too_long"])
        say(c, b"MAIL FROM:<" + b"a" * 1980 + b"@example.org>\r\n",
            R["line_too_long"])
        c.send(b"NOOP " + b"y" * 1995)  # 2,000 octets, end still to come
        time.sleep(0.05)
        say(c, b"\r\nNOOP\r\n", R["line_too_long"])
        check_equal(c.reply(), R["ok"], "command after a long line")
        say(c, b"NOOP \0\r\n", R["nul_in_command"])


def unknown_user_and_relaying():
    with server("--domain", "example.net", "--domain", "LocalHost") as srv:
        c = opened(srv)
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<zed@localhost>\r\n", R["no_such_user"])
        say(c, b"RCPT TO:<Alice@localhost>\r\n", R["no_such_user"])
        say(c, b"RCPT TO:<alice@example.com>\r\n", R["relaying"])
        say(c, b"RCPT TO:<alice@EXAMPLE.net>\r\n", R["rcpt_ok"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["rcpt_ok"])
        say(c, b"DATA\r\n", R["data_go"])
        say(c, b".\r\n", R["accepted"])


def without_users_file_every_local_part():
    with server(users=None) as srv:
        c = opened(srv)
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<anyone@localhost>\r\n", R["rcpt_ok"])
        say(c, b"RCPT TO:<anyone@elsewhere.example>\r\n", R["relaying"])


def too_many_recipients():
    with server("--max-rcpts", "2") as srv:
        c = opened(srv)
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["rcpt_ok"])
        say(c, b"RCPT TO:<zed@localhost>\r\n", R["no_such_user"])
        say(c, b"RCPT TO:<dave@localhost>\r\n", R["rcpt_ok"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["too_many_rcpts"])
        say(c, b"RSET\r\n", R["ok"])
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["rcpt_ok"])


def size_over_the_limit():
    with server("--max-size", "100") as srv:
        r = dict(R, ehlo=E.ehlo(max_size=100))
        c = opened(srv, r)
        say(c, b"MAIL FROM:<s@example.org> SIZE=101\r\n", R["too_big"])
        say(c, b"MAIL FROM:<s@example.org> SIZE=99999999999999999999\r\n",
            R["too_big"])
        say(c, b"MAIL FROM:<s@example.org> SIZE=12x\r\n", R["bad_syntax"])
        say(c, b"MAIL FROM:<s@example.org> SIZE=\r\n", R["bad_syntax"])
        say(c, b"MAIL FROM:<s@example.org> SIZE=" + b"0" * 21 + b"\r\n",
            R["bad_syntax"])
        say(c, b"MAIL FROM:<s@example.org> SIZE=100\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["rcpt_ok"])
        say(c, b"DATA\r\n", R["data_go"])
        say(c, b"x" * 98 + b"\r\n" + b"y\r\n.\r\n", R["too_big"])
        check_equal(srv.files() + srv.files("tmp"), [], "maildir after 552")
        transaction(c)  # the session goes on
        say(c, b"x" * 98 + b"\r\n.\r\n", R["accepted"])


def multiline_and_wrapped_rejections():
    with server() as srv:
        c = opened(srv)
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<bob@localhost>\r\n", R["multiline"])
        check_equal(R["multiline"].count(b"\r\n"), 3, "multiline lines")
        say(c, b"RCPT TO:<carol@localhost>\r\n", R["wrapped"])
        lines = R["wrapped"].split(b"\r\n")[:-1]
        assert len(lines) >= 2 and max(len(l) + 2 for l in lines) <= 512, \
            "wrapped reply lines: %r" % [len(l) for l in lines]


def syntax_and_sequence_errors():
    with server() as srv:
        c = opened(srv, ehlo=False)
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["bad_sequence"])
        say(c, b"HELO\r\n", R["bad_syntax"])
        say(c, b"EHLO x\r\n", R["ehlo"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["bad_sequence"])
        say(c, b"DATA\r\n", R["bad_sequence"])
        say(c, b"FOO\r\n", R["unknown_command"])
        say(c, b"STARTTLS\r\n", R["unknown_command"])
        say(c, b"\r\n", R["unknown_command"])
        say(c, b"MAIL TO:<s@example.org>\r\n", R["bad_syntax"])
        say(c, b"MAIL FROM:s@example.org\r\n", R["bad_syntax"])
        say(c, b"MAIL FROM:<s@@example>\r\n", R["bad_sender"])
        say(c, b"MAIL FROM:<s@example.org> FOO=1\r\n", R["bad_param"])
        say(c, b"mail from: <s@example.org>\r\n", R["mail_ok"])
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["bad_sequence"])
        say(c, b"RCPT TO:<>\r\n", R["bad_recipient"])
        say(c, b"RCPT TO:<a b@localhost>\r\n", R["bad_recipient"])
        say(c, b"RCPT TO:<alice@localhost> NOTIFY=NEVER\r\n", R["bad_param"])
        say(c, b"DATA\r\n", R["bad_sequence"])
        say(c, b"rcpt to:<\"alice\"@localhost>\r\n", R["no_such_user"])
        say(c, b"rcpt to:<alice@localhost>\r\n", R["rcpt_ok"])
        say(c, b"DATA now\r\n", R["bad_syntax"])
        say(c, b"RSET x\r\n", R["bad_syntax"])


def bare_lf_does_not_end_data():
    with server() as srv:
        c = opened(srv)
        transaction(c)
        c.send(b"one\r\n\n.\nsmuggled\r\n.\n")
        say(c, b"\r\n.\r\n", R["accepted"])
        # a bare LF still ends a line, so its leading dot is unstuffed
        check_equal(srv.read_message(srv.files()[0]),
                    b"one\r\n\n\nsmuggled\r\n\n\r\n", "message")


def no_enhanced_status_codes_anywhere():
    enhanced = re.compile(rb"^\d{3}[ -][245]\.\d{1,3}\.\d{1,3}", re.M)
    with server("--no-enhanced") as srv:
        c = opened(srv, RN)
        got = []
        for line, name in ((b"MAIL FROM:<s@example.org>\r\n", "mail_ok"),
                           (b"RCPT TO:<zed@localhost>\r\n", "no_such_user"),
                           (b"RCPT TO:<x@example.com>\r\n", "relaying"),
                           (b"RCPT TO:<bob@localhost>\r\n", "multiline"),
                           (b"RCPT TO:<carol@localhost>\r\n", "wrapped"),
                           (b"RCPT TO:<alice@localhost>\r\n", "rcpt_ok"),
                           (b"FOO\r\n", "unknown_command"),
                           (b"DATA\r\n", "data_go"),
                           (b"hi\r\n.\r\n", "accepted"),
                           (b"QUIT\r\n", "bye")):
            c.send(line)
            got.append(c.reply())
            check_equal(got[-1], RN[name], "--no-enhanced " + name)
        assert not enhanced.search(b"".join(got)), "an enhanced code"
        assert b"ENHANCEDSTATUSCODES" not in RN["ehlo"]


def delivery_failure_loses_nothing():
    with server() as srv:
        c = opened(srv)
        transaction(c)
        # new/ becomes a file: the rename fails after the data is written
        os.rmdir(os.path.join(srv.maildir, "new"))
        open(os.path.join(srv.maildir, "new"), "w").close()
        say(c, b"hello\r\n.\r\n", R["local_error"])
        check_equal(srv.files("tmp"), [], "tmp/ after a failed delivery")
        os.rmdir(os.path.join(srv.maildir, "tmp"))
        say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
        say(c, b"RCPT TO:<alice@localhost>\r\n", R["rcpt_ok"])
        say(c, b"DATA\r\n", R["local_error"])  # no tmp/ to write to


def concurrent_clients():
    with server() as srv:
        a = opened(srv)
        transaction(a)
        a.send(b"from a, part one\r\n")
        b = opened(srv)
        transaction(b, (b"dave@localhost",))
        say(b, b"from b\r\n.\r\n", R["accepted"])
        say(a, b"part two\r\n.\r\n", R["accepted"])
        msgs = sorted(srv.read_message(f) for f in srv.files())
        check_equal(msgs, [b"from a, part one\r\npart two\r\n",
                           b"from b\r\n"], "two messages")


def sigterm_closes_clients_and_exits_0():
    srv = server()
    try:
        c = opened(srv)
        transaction(c)
        c.send(b"half a message\r\n")
        time.sleep(0.05)
        srv.proc.terminate()
        check_equal(c.reply(), R["shutdown"], "reply on shutdown")
        assert c.closed()
        tmp = srv.files("tmp") + srv.files()
    finally:
        rc = srv.stop()
    check_equal(rc, 0, "exit status after SIGTERM")
    check_equal(tmp, [], "maildir after shutdown mid-message")


def too_many_clients():
    with server() as srv:
        clients = [opened(srv, ehlo=False) for _ in range(64)]
        extra = Client(srv.port)
        check_equal(extra.reply(), R["too_many_clients"], "65th client")
        assert extra.closed()
        say(clients[-1], b"NOOP\r\n", R["ok"])
        clients[0].close()
        time.sleep(0.05)
        opened(srv)  # a slot is free again


def idle_client_gets_421_and_is_closed():
    with server("--idle-timeout", "2") as srv:
        talker = opened(srv)
        silent = opened(srv)
        start = time.monotonic()
        # a client that speaks every half second is never cut off
        while time.monotonic() - start < 3.5:
            say(talker, b"NOOP\r\n", R["ok"])
            time.sleep(0.5)
        check_equal(silent.reply(), R["idle_timeout"], "silent for 2 s")
        assert silent.closed()
        say(talker, b"NOOP\r\n", R["ok"])
    # time() counts whole seconds and poll() wakes once a second, so the
    # cut comes between 1 and 4 s after the last byte; the loop above
    # took 3.5 s, well past the 2 s the talker would have had
    with server("--idle-timeout", "2") as srv:
        c = opened(srv)
        start = time.monotonic()
        check_equal(c.reply(), R["idle_timeout"], "reply after silence")
        waited = time.monotonic() - start
        assert c.closed()
        assert 1.0 <= waited <= 4.5, waited


def address_forms():
    with server("--hostname", "mx.example", "--domain=example.net",
                "--max-size=5000", "--listen", "127.0.0.1") as srv:
        r = dict(R, greeting=E.greeting("mx.example"),
                 ehlo=E.ehlo("mx.example", 5000))
        c = opened(srv, r)
        say(c, b"MAIL FROM:<\"odd\\\"name\"@example.org> SIZE=5000\r\n",
            R["mail_ok"])
        for rcpt, name in ((b"<alice@[127.0.0.1]>", "relaying"),
                           (b"<alice@[1.2.3.4>", "bad_recipient"),
                           (b"<alice@[]>", "bad_recipient"),
                           (b"<alice@[a b]>", "bad_recipient"),
                           (b"<a..b@example.net>", "bad_recipient"),
                           (b"<.a@example.net>", "bad_recipient"),
                           (b"<a@example..net>", "bad_recipient"),
                           (b"<a@-example.net>", "bad_recipient"),
                           (b"<a@exa_mple.net>", "bad_recipient"),
                           (b"<\"a\x01\"@example.net>", "bad_recipient"),
                           # the quote never closes, so neither does '<'
                           (b"<\"a\\\"@example.net>", "bad_syntax"),
                           (b"<" + b"a" * 65 + b"@example.net>",
                            "bad_recipient"),
                           (b"<@relay.example,alice@example.net>",
                            "bad_recipient"),
                           (b"<alice>", "bad_recipient"),
                           (b"<alice@example.net", "bad_syntax"),
                           (b"<alice@example.net>x", "bad_syntax"),
                           (b"<POSTMASTER>", "rcpt_ok"),
                           (b"<postmaster@example.net>", "rcpt_ok"),
                           (b"<alice@localhost>", "relaying"),
                           (b"<alice@Example.NET>", "rcpt_ok")):
            say(c, b"RCPT TO:" + rcpt + b"\r\n", R[name])


def many_pipelined_commands_with_flow_control():
    # 10,000 NOOPs in one go, replies read only afterwards: the server
    # must stop reading while its output is backed up, and lose nothing
    count = 10000
    with server() as srv:
        c = opened(srv)
        sender = threading.Thread(target=c.send,
                                  args=(b"NOOP\r\n" * count + b"QUIT\r\n",))
        sender.start()
        time.sleep(0.2)
        for i in range(count):
            check_equal(c.reply(), R["ok"], "reply %d" % i)
        check_equal(c.reply(), R["bye"], "QUIT")
        sender.join(WAIT)
        assert c.closed()


def command_line():
    def start(*args):
        return subprocess.run([ARGS.server] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=WAIT)
    out = start("--help")
    check_equal(out.returncode, 0, "--help exit status")
    for opt in ("--listen ADDR", "--port N", "--users FILE", "--domain D",
                "--maildir DIR", "--max-rcpts N", "--max-size BYTES",
                "--no-enhanced", "--hostname NAME", "--idle-timeout SECONDS"):
        assert opt.encode() in out.stdout, "--help lacks " + opt
    for bad in (["--bogus"], ["--port", "65536"], ["--port"],
                ["--max-rcpts", "0"], ["--hostname", "a b"], ["stray"],
                ["--idle-timeout", "0"], ["--idle-timeout", "86401"]):
        out = start(*bad)
        check_equal(out.returncode, 2, "exit status for %r" % bad)
        assert out.stderr.startswith(b"dsn-smtpd: "), out.stderr
    with server() as srv:
        users = os.path.join(srv.dir, "bad-users")
        with open(users, "w") as f:
            f.write("alice\nbob sometimes\n")
        out = start("--port", "0", "--users", users, "--maildir",
                    srv.maildir)
        check_equal(out.returncode, 1, "exit status for a bad users file")
        assert b"bad-users:2:" in out.stderr, out.stderr
        out = start("--port", str(srv.port), "--maildir", srv.maildir)
        check_equal(out.returncode, 1, "exit status for a port in use")


def readme_table_matches_spec():
    readme = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "..", "..", "..", "examples", "smtpd", "README.md")
    with open(readme) as f:
        rows = re.findall(r"^\|[^|]+\| `(\w+)` \| `(dsn_[^`]+)` \|$",
                          f.read(), re.M)
    check_equal(dict(rows), {k: spec_call(k) for k in SPEC},
                "examples/smtpd/README.md table")
    check_equal(len(rows), len(SPEC), "README rows")


sys.exit(run([
    greeting_ehlo_helo_noop_rset_vrfy_quit,
    delivery_with_dot_unstuffing,
    empty_message_and_null_sender,
    pipelining_in_one_write,
    partial_lines_byte_by_byte,
    line_length_limits,
    unknown_user_and_relaying,
    without_users_file_every_local_part,
    too_many_recipients,
    size_over_the_limit,
    multiline_and_wrapped_rejections,
    syntax_and_sequence_errors,
    bare_lf_does_not_end_data,
    no_enhanced_status_codes_anywhere,
    delivery_failure_loses_nothing,
    concurrent_clients,
    sigterm_closes_clients_and_exits_0,
    too_many_clients,
    idle_client_gets_421_and_is_closed,
    address_forms,
    many_pipelined_commands_with_flow_control,
    command_line,
    readme_table_matches_spec,
]))
