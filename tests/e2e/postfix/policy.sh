#!/usr/bin/env bash
# Postfix smtpd with dsn-policyd (check_policy_service): what the SMTP
# client receives is exactly the line Postfix 3.7 builds from libdsn's
# policy response (dsn_policy_action), "<code> <status> <address>: <what>
# rejected: <text>":
#   - unknown recipient: 550 5.1.1, Postfix's prefix, libdsn's text;
#   - user "full": 450 4.2.2 passes as it is (a temporary refusal);
#   - user "multiline": one line, libdsn's three lines joined by spaces;
#   - user "long" at a 256-octet path: the text cut with "..." so that the
#     whole line, CRLF included, is at most 512 octets;
#   - unknown sender at MAIL FROM (smtpd_delay_reject = no): libdsn's
#     5.1.1 arrives as 5.1.7, "Sender address rejected";
#   - a listed recipient: Postfix's own 250.
# Each expected line is built from the response dsn-policyd gives for the
# same request (asked directly), so the test checks what Postfix does with
# libdsn's bytes; the first three are also spelled out in full. The exact
# bytes of a raw session's replies are printed (for the record).
#
# Environment (set by ctest): DSN_POLICYD. Needs root, postfix, swaks and
# python3: skips (77) without them unless DSN_REQUIRE_E2E=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
postfix_test e2e-postfix-policy "${DSN_POLICYD:-}" "dsn-policyd (examples/policy)"

printf '%s\n' sender alice 'bob multiline' 'carol long' 'erin full' >"$WORK/users"
start_bg "$WORK/policyd.log" "$DSN_POLICYD" --users "$WORK/users" --port 0
wait_for 10 "dsn-policyd to listen" grep -qs '^dsn-policyd: listening on ' "$WORK/policyd.log"
pport=$(sed -n 's/^dsn-policyd: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/policyd.log")
[ -n "$pport" ] || die "no port in: $(cat "$WORK/policyd.log")"

# several clients at once, each request in pieces, answered in any order;
# a client that breaks the protocol is dropped, the others go on
python3 - "$pport" <<'PY' | sed "s/^/$E2E_NAME: /"
import socket
import sys

port = int(sys.argv[1])
conns = [socket.create_connection(("127.0.0.1", port), 10) for _ in range(4)]
reqs = [b"request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=%s\n\n" % r
        for r in (b"ghost@x", b"alice@x", b"erin@x")]
want = [b"action=550 5.1.1 No such user\n\n", b"action=DUNNO\n\n",
        b"action=450 4.2.2 Mailbox full\n\n"]
for c, r in zip(conns, reqs):
    c.sendall(r[:20])
conns[3].sendall(b"no equals sign\n\n")
for c, r in reversed(list(zip(conns, reqs))):
    c.sendall(r[20:] + r)  # the rest, then the same request again
for c, w in zip(conns, want):
    got = b""
    while len(got) < 2 * len(w):
        chunk = c.recv(4096)
        if not chunk:
            sys.exit("closed early: %r" % got)
        got += chunk
    if got != 2 * w:
        sys.exit("expected %r, got %r" % (2 * w, got))
if conns[3].recv(4096) != b"":
    sys.exit("the malformed request did not close its connection")
print("ok dsn-policyd: 3 clients at once, requests in pieces; a malformed one dropped")
PY
grep -q "client dropped: policy request line without '='" "$WORK/policyd.log" ||
  die "dsn-policyd did not say why it dropped the client: $(cat "$WORK/policyd.log")"

sport=$(free_port)
postfix_start "$sport" <<CF
smtpd_delay_reject = no
smtpd_sender_restrictions = check_policy_service inet:127.0.0.1:$pport
smtpd_recipient_restrictions = check_policy_service inet:127.0.0.1:$pport,
    permit_mynetworks, reject_unauth_destination
CF

# policy_text STATE SENDER RECIPIENT: dsn-policyd's response, asked as
# Postfix asks, without "action=" and the empty line.
policy_text() {
  python3 - "$pport" "$@" <<'PY'
import socket
import sys

port, state, sender, rcpt = sys.argv[1:]
s = socket.create_connection(("127.0.0.1", int(port)), 10)
s.sendall(("request=smtpd_access_policy\nprotocol_state=%s\nsender=%s\n"
           "recipient=%s\n\n" % (state, sender, rcpt)).encode())
out = b""
while not out.endswith(b"\n\n"):
    chunk = s.recv(4096)
    if not chunk:
        sys.exit("dsn-policyd closed the connection: %r" % out)
    out += chunk
assert out.startswith(b"action=") and out.count(b"\n") == 2, out
sys.stdout.write(out[len("action="):-2].decode())
PY
}

# check WHAT GOT WANT
check() {
  [ "$2" = "$3" ] || die "$1: expected '$3', got '$2' ($(cat "$WORK/swaks-"*.log | tail -n 20))"
  say "ok $1: $2"
}

# expect_rcpt LOCALPART [DOMAIN]: Postfix's line for libdsn's response
expect_rcpt() {
  local rcpt="$1@${2:-example.test}" action code status
  action=$(policy_text RCPT sender@example.test "$rcpt")
  code=${action%% *} && action=${action#* }
  status=${action%% *} && action=${action#* }
  printf '%s %s <%s>: Recipient address rejected: %s' "$code" "$status" "$rcpt" "$action"
}

rcpt() { swaks_reply "$sport" RCPT sender@example.test "$1@${2:-example.test}"; }

got=$(rcpt ghost)
check "unknown recipient" "$got" "$(expect_rcpt ghost)"
check "unknown recipient, spelled out" "$got" \
  "550 5.1.1 <ghost@example.test>: Recipient address rejected: No such user"
got=$(rcpt erin)
check "mailbox full" "$got" "$(expect_rcpt erin)"
check "mailbox full, spelled out" "$got" \
  "450 4.2.2 <erin@example.test>: Recipient address rejected: Mailbox full"
got=$(rcpt bob)
check "three lines joined" "$got" "$(expect_rcpt bob)"
case $got in
  "550 5.7.1 <bob@example.test>: Recipient address rejected: This mailbox does not accept mail from you Its owner"*) ;;
  *) die "three lines joined: $got" ;;
esac

# a path of 256 octets: "<", carol@, a domain of 248, ">"
domain=$(printf 'd%.0s' $(seq 60)).$(printf 'e%.0s' $(seq 60)).$(printf 'f%.0s' $(seq 60)).$(printf 'g%.0s' $(seq 60)).test
[ $((${#domain} + 8)) = 256 ] || die "the long path is $((${#domain} + 8)) octets"
got=$(rcpt carol "$domain")
check "long text at a 256-octet path" "$got" "$(expect_rcpt carol "$domain")"
[ $((${#got} + 2)) -le 512 ] || die "the line is $((${#got} + 2)) octets"
case $got in *...) ;; *) die "the cut is not marked: $got" ;; esac
say "the line for the longest path is $((${#got} + 2)) octets with CRLF"

got=$(swaks_reply "$sport" MAIL ghost@example.test alice@example.test)
check "unknown sender: 5.1.1 arrives as 5.1.7" "$got" \
  "550 5.1.7 <ghost@example.test>: Sender address rejected: No such user"
[ "$(policy_text MAIL ghost@example.test '')" = "550 5.1.1 No such user" ] ||
  die "dsn-policyd did not answer the sender with 5.1.1"

got=$(rcpt alice)
case $got in 250\ *) say "ok listed recipient: $got" ;; *) die "alice: $got" ;; esac

# the exact bytes of each reply, as read from the socket
harness_python - "$sport" <<'PY' | sed "s/^/$E2E_NAME: bytes: /"
import sys

from harness import Client


def session(mail, rcpt):
    c = Client(int(sys.argv[1]))
    c.reply()
    last = b""
    for command in (b"EHLO client.example", b"MAIL FROM:<%s>" % mail,
                    b"RCPT TO:<%s>" % rcpt):
        c.send(command + b"\r\n")
        last = c.reply()
        if not last.startswith(b"2"):
            break
    c.send(b"QUIT\r\n")
    c.close()
    print(repr(last)[1:])


session(b"sender@example.test", b"ghost@example.test")
session(b"sender@example.test", b"erin@example.test")
session(b"sender@example.test", b"bob@example.test")
session(b"ghost@example.test", b"alice@example.test")
PY
grep -F 'reject: RCPT from' "$WORK/maillog" | sed "s/^/$E2E_NAME: maillog: /"
say "PASS (6 replies as Postfix builds them from dsn_policy_action)"
