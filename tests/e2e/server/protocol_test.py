"""dsn-smtpd over a raw socket: every reply, byte for byte, equals what
libdsn's dsn_format gives for the call the situation maps to (harness.replies).
Needs only python3."""
import functools
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
    got = c.reply()
    check_equal(got, want, "reply to %r" % line[:60])
    return got


def dialogue(c, steps, r=R):
    """Sends each line of steps, CRLF added, one at a time; the reply to each
    must be r[name]. steps: (line, name) pairs. Returns the replies."""
    return [say(c, line + b"\r\n", r[name]) for line, name in steps]


def session(*args, r=R, ehlo=True, **kw):
    """Makes a scenario of a function fn(srv, c): srv a server started with
    args and kw (see Server), c a client it has greeted and that has said
    EHLO unless ehlo is False, r the replies expected to those."""
    def wrap(fn):
        @functools.wraps(fn)
        def scenario():
            with server(*args, **kw) as srv:
                fn(srv, opened(srv, r, ehlo))
        return scenario
    return wrap


def script(text):
    """The steps of a dialogue (see there) written one a line: the command,
    then the name of the reply it must get; a line that is only a name sends
    an empty line."""
    steps = []
    for line in text.strip().splitlines():
        command, _, name = line.strip().rpartition(" ")
        steps.append((command.rstrip().encode("ascii"), name))
    return steps


def conversation(name, args, kw, text, then):
    """The scenario called name that is one dialogue, script(text), in
    session(*args, **kw); then(srv, c), unless None, checks what follows."""
    @session(*args, **kw)
    def scenario(srv, c):
        dialogue(c, script(text))
        if then:
            then(srv, c)
    scenario.__name__ = name
    return scenario


def transaction(c, rcpts=(b"alice@localhost",), r=R):
    say(c, b"MAIL FROM:<sender@example.org>\r\n", r["mail_ok"])
    for rcpt in rcpts:
        say(c, b"RCPT TO:<" + rcpt + b">\r\n", r["rcpt_ok"])
    say(c, b"DATA\r\n", r["data_go"])


@session()
def delivery_with_dot_unstuffing(srv, c):
    body = (b"Subject: dots\r\n\r\nline one\r\n.leading dot\r\n"
            b"..two dots\r\n.\xc3\xa9 8-bit\r\n. \r\n\r\n"
            # longer than the server's input buffer: stored in pieces
            b"." + b"long " * 5000 + b"\r\nlast\r\n")
    stuffed = b"".join(b"." + l if l.startswith(b".") else l
                       for l in body.splitlines(True))
    transaction(c, (b"alice@localhost", b"dave@LOCALHOST", b"Postmaster"))
    say(c, stuffed + b".\r\n", R["accepted"])
    files = srv.files()
    check_equal(len(files), 1, "messages in new/")
    check_equal(srv.read_message(files[0]), body, "delivered message")
    check_equal(srv.files("tmp"), [], "tmp/ after delivery")
    say(c, b"QUIT\r\n", R["bye"])


@session()
def pipelining_in_one_write(srv, c):
    c.send(b"MAIL FROM:<s@example.org> BODY=8BITMIME SIZE=20\r\n"
           b"RCPT TO:<alice@localhost>\r\nRCPT TO:<nobody@localhost>\r\n"
           b"RCPT TO:<x@example.com>\r\nDATA\r\nhello\r\n.\r\n"
           b"NOOP\r\nQUIT\r\n")
    for name in ("mail_ok", "rcpt_ok", "no_such_user", "relaying",
                 "data_go", "accepted", "ok", "bye"):
        check_equal(c.reply(), R[name], "pipelined " + name)
    assert c.closed()
    check_equal(srv.read_message(srv.files()[0]), b"hello\r\n", "message")


@session(ehlo=False)
def partial_lines_byte_by_byte(srv, c):
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


# RFC 5321 4.5.3.1.4: 512 octets with CRLF is the most a command has
@session()
def line_length_limits(srv, c):
    say(c, b"NOOP " + b"x" * 505 + b"\r\n", R["ok"])
    say(c, b"NOOP " + b"x" * 506 + b"\r\n", R["line_too_long"])
    say(c, b"MAIL FROM:<" + b"a" * 1980 + b"@example.org>\r\n",
        R["line_too_long"])
    c.send(b"NOOP " + b"y" * 1995)  # 2,000 octets, end still to come
    time.sleep(0.05)
    say(c, b"\r\nNOOP\r\n", R["line_too_long"])
    check_equal(c.reply(), R["ok"], "command after a long line")
    say(c, b"NOOP \0\r\n", R["nul_in_command"])


@session("--max-size", "100", r=dict(R, ehlo=E.ehlo(max_size=100)))
def size_over_the_limit(srv, c):
    dialogue(c, ((b"MAIL FROM:<s@example.org> SIZE=101", "too_big"),
                 (b"MAIL FROM:<s@example.org> SIZE=99999999999999999999",
                  "too_big"),
                 (b"MAIL FROM:<s@example.org> SIZE=12x", "bad_syntax"),
                 (b"MAIL FROM:<s@example.org> SIZE=", "bad_syntax"),
                 (b"MAIL FROM:<s@example.org> SIZE=" + b"0" * 21,
                  "bad_syntax"),
                 (b"MAIL FROM:<s@example.org> SIZE=100", "mail_ok"),
                 (b"RCPT TO:<alice@localhost>", "rcpt_ok"),
                 (b"DATA", "data_go")))
    say(c, b"x" * 98 + b"\r\n" + b"y\r\n.\r\n", R["too_big"])
    check_equal(srv.files() + srv.files("tmp"), [], "maildir after 552")
    transaction(c)  # the session goes on
    say(c, b"x" * 98 + b"\r\n.\r\n", R["accepted"])


@session()
def multiline_and_wrapped_rejections(srv, c):
    say(c, b"MAIL FROM:<s@example.org>\r\n", R["mail_ok"])
    say(c, b"RCPT TO:<bob@localhost>\r\n", R["multiline"])
    check_equal(R["multiline"].count(b"\r\n"), 3, "multiline lines")
    say(c, b"RCPT TO:<carol@localhost>\r\n", R["wrapped"])
    lines = R["wrapped"].split(b"\r\n")[:-1]
    assert len(lines) >= 2 and max(len(l) + 2 for l in lines) <= 512, \
        "wrapped reply lines: %r" % [len(l) for l in lines]


@session()
def bare_lf_does_not_end_data(srv, c):
    transaction(c)
    c.send(b"one\r\n\n.\nsmuggled\r\n.\n")
    say(c, b"\r\n.\r\n", R["accepted"])
    # a bare LF still ends a line, so its leading dot is unstuffed
    check_equal(srv.read_message(srv.files()[0]),
                b"one\r\n\n\nsmuggled\r\n\n\r\n", "message")


@session("--no-enhanced", r=RN)
def no_enhanced_status_codes_anywhere(srv, c):
    enhanced = re.compile(rb"^\d{3}[ -][245]\.\d{1,3}\.\d{1,3}", re.M)
    got = dialogue(c, ((b"MAIL FROM:<s@example.org>", "mail_ok"),
                       (b"RCPT TO:<zed@localhost>", "no_such_user"),
                       (b"RCPT TO:<x@example.com>", "relaying"),
                       (b"RCPT TO:<bob@localhost>", "multiline"),
                       (b"RCPT TO:<carol@localhost>", "wrapped"),
                       (b"RCPT TO:<alice@localhost>", "rcpt_ok"),
                       (b"FOO", "unknown_command"),
                       (b"DATA", "data_go"),
                       (b"hi\r\n.", "accepted"),
                       (b"QUIT", "bye")), RN)
    assert not enhanced.search(b"".join(got)), "an enhanced code"
    assert b"ENHANCEDSTATUSCODES" not in RN["ehlo"]


@session()
def delivery_failure_loses_nothing(srv, c):
    transaction(c)
    # new/ becomes a file: the rename fails after the data is written
    os.rmdir(os.path.join(srv.maildir, "new"))
    open(os.path.join(srv.maildir, "new"), "w").close()
    say(c, b"hello\r\n.\r\n", R["local_error"])
    check_equal(srv.files("tmp"), [], "tmp/ after a failed delivery")
    os.rmdir(os.path.join(srv.maildir, "tmp"))
    dialogue(c, ((b"MAIL FROM:<s@example.org>", "mail_ok"),
                 (b"RCPT TO:<alice@localhost>", "rcpt_ok"),
                 (b"DATA", "local_error")))  # no tmp/ to write to


@session()
def concurrent_clients(srv, a):
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


@session("--hostname", "mx.example", "--domain=example.net",
         "--max-size=5000", "--listen", "127.0.0.1",
         r=dict(R, greeting=E.greeting("mx.example"),
                ehlo=E.ehlo("mx.example", 5000)))
def address_forms(srv, c):
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


# 10,000 NOOPs in one go, replies read only afterwards: the server must
# stop reading while its output is backed up, and lose nothing
@session()
def many_pipelined_commands_with_flow_control(srv, c):
    count = 10000
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


def closed_after_quit(_, c):
    assert c.closed(), "connection open after QUIT"


def one_empty_message(srv, _):
    check_equal(srv.read_message(srv.files()[0]), b"", "empty message")


# The scenarios that are one dialogue each, run by conversation(): name,
# server options, session()'s keywords, script, the check after (or None).
CONVERSATIONS = (
    ("greeting_ehlo_helo_noop_rset_vrfy_quit", (), {}, """
        HELO client.example         helo
        NOOP                        ok
        noop with an argument       ok
        RSET                        ok
        VRFY alice                  vrfy
        VRFY                        bad_syntax
        QUIT                        bye""", closed_after_quit),
    ("empty_message_and_null_sender", (), {}, """
        MAIL FROM:<>                              mail_ok
        RCPT TO:<@relay.example:alice@localhost>  rcpt_ok
        DATA                                      data_go
        .                                         accepted""",
     one_empty_message),
    ("unknown_user_and_relaying",
     ("--domain", "example.net", "--domain", "LocalHost"), {}, """
        MAIL FROM:<s@example.org>    mail_ok
        RCPT TO:<zed@localhost>      no_such_user
        RCPT TO:<Alice@localhost>    no_such_user
        RCPT TO:<alice@example.com>  relaying
        RCPT TO:<alice@EXAMPLE.net>  rcpt_ok
        RCPT TO:<alice@localhost>    rcpt_ok
        DATA                         data_go
        .                            accepted""", None),
    ("without_users_file_every_local_part", (), {"users": None}, """
        MAIL FROM:<s@example.org>           mail_ok
        RCPT TO:<anyone@localhost>          rcpt_ok
        RCPT TO:<anyone@elsewhere.example>  relaying""", None),
    ("too_many_recipients", ("--max-rcpts", "2"), {}, """
        MAIL FROM:<s@example.org>   mail_ok
        RCPT TO:<alice@localhost>   rcpt_ok
        RCPT TO:<zed@localhost>     no_such_user
        RCPT TO:<dave@localhost>    rcpt_ok
        RCPT TO:<alice@localhost>   too_many_rcpts
        RSET                        ok
        MAIL FROM:<s@example.org>   mail_ok
        RCPT TO:<alice@localhost>   rcpt_ok""", None),
    ("syntax_and_sequence_errors", (), {"ehlo": False}, """
        MAIL FROM:<s@example.org>               bad_sequence
        HELO                                    bad_syntax
        EHLO x                                  ehlo
        RCPT TO:<alice@localhost>               bad_sequence
        DATA                                    bad_sequence
        FOO                                     unknown_command
        STARTTLS                                unknown_command
        unknown_command
        MAIL TO:<s@example.org>                 bad_syntax
        MAIL FROM:s@example.org                 bad_syntax
        MAIL FROM:<s@@example>                  bad_sender
        MAIL FROM:<s@example.org> FOO=1         bad_param
        mail from: <s@example.org>              mail_ok
        MAIL FROM:<s@example.org>               bad_sequence
        RCPT TO:<>                              bad_recipient
        RCPT TO:<a b@localhost>                 bad_recipient
        RCPT TO:<alice@localhost> NOTIFY=NEVER  bad_param
        DATA                                    bad_sequence
        rcpt to:<"alice"@localhost>             no_such_user
        rcpt to:<alice@localhost>               rcpt_ok
        DATA now                                bad_syntax
        RSET x                                  bad_syntax""", None),
)


sys.exit(run([conversation(*row) for row in CONVERSATIONS] + [
    delivery_with_dot_unstuffing,
    pipelining_in_one_write,
    partial_lines_byte_by_byte,
    line_length_limits,
    size_over_the_limit,
    multiline_and_wrapped_rejections,
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
