#!/usr/bin/env bash
# Postfix smtpd with dsn-milter-example (smtpd_milters): for every user of
# milter-users, the reply swaks receives to RCPT TO must be, line for line,
# what libdsn's dsn_format gives for that user's function and message (the
# built dsn program prints it): single-line, multi-line, "100% sure" and a
# text that dsn_format wraps past 512 octets; and a reply of 40 lines reaches
# the client as libmilter's 32: dsn_format's first 31 and a last line that
# says the rest was cut.
# A recipient the milter does not list must get Postfix's own 250.
# Last, every reply of a whole session with this Postfix, bytes as read
# from the socket, goes through `dsn parse --strict` (dsn_parse_reply with
# DSN_PARSE_STRICT): libdsn must read what real Postfix sends.
#
# Environment (set by ctest): DSN_CLI, DSN_MILTER_EXAMPLE. Needs root,
# postfix, swaks and python3: skips (77) without them unless
# DSN_REQUIRE_E2E=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
postfix_test e2e-postfix-milter "${DSN_CLI:-}" "the dsn program" \
  "${DSN_MILTER_EXAMPLE:-}" "dsn-milter-example (libmilter-dev)"

users=$here/milter-users
mport=$(free_port)
start_bg "$WORK/milter.log" "$DSN_MILTER_EXAMPLE" \
  --socket "inet:$mport@127.0.0.1" --users "$users"
wait_for 10 "dsn-milter-example to listen" \
  grep -qs 'listening on' "$WORK/milter.log"

sport=$(free_port)
postfix_start "$sport" <<CF
smtpd_milters = inet:127.0.0.1:$mport
milter_default_action = tempfail
CF

rcpt_reply() { swaks_reply "$sport" RCPT sender@example.test "$1@example.test"; }

checked=0
while read -r localpart name msg; do
  case $localpart in '' | '#'*) continue ;; esac
  msg=${msg//\\n/$'\n'} # "\n" in the users file starts a reply line
  expected=$("$DSN_CLI" "$name" "$msg" | tr -d '\r')
  got=$(rcpt_reply "$localpart")
  if [ "$(printf '%s\n' "$expected" | wc -l)" -gt 32 ]; then
    # libmilter takes 32 lines: dsn_milter_setreply sends dsn_format's first
    # 31 and a 32nd, with the reply's codes, that says the rest was cut
    last=$(printf '%s\n' "$expected" | tail -n 1)
    last=${last#* } # "550 5.1.1 text" -> "5.1.1 text"
    cut_line=$(printf '%s\n' "$got" | sed -n '32p')
    case $cut_line in
      "${expected:0:3} ${last%% *} (reply cut: "*) ;;
      *) die "$localpart: line 32 does not say that the reply was cut: $cut_line" ;;
    esac
    expected="$(printf '%s\n' "$expected" | head -n 31)
$cut_line"
  fi
  if [ "$got" != "$expected" ]; then
    say "RCPT TO:<$localpart@example.test>: expected" >&2
    printf '%s\n' "$expected" >&2
    say "swaks received" >&2
    printf '%s\n' "$got" >&2
    cat "$WORK/swaks-$localpart.log" >&2
    die "milter reply for $localpart differs from dsn_format"
  fi
  say "ok $localpart ($name, $(printf '%s\n' "$got" | wc -l) line(s)): $(printf '%s' "$got" | head -n 1)"
  wait_log 10 "milter-reject: RCPT from localhost[127.0.0.1]: $(printf '%s' "$expected" | head -n 1 | cut -c1-40)"
  checked=$((checked + 1))
done <"$users"
[ "$checked" -ge 5 ] || die "only $checked users in $users"

# a recipient the milter does not list: Postfix's own acceptance
got=$(rcpt_reply nobody-listed)
case $got in
  250\ *) say "ok nobody-listed: $got" ;;
  *) die "unlisted recipient got: $got" ;;
esac
grep -F 'milter-reject' "$WORK/maillog" | sed "s/^/$E2E_NAME: maillog: /"

# One session, every reply kept as received, one after the other.
harness_python - "$sport" >"$WORK/session.replies" <<'PY'
import sys

from harness import Client

c = Client(int(sys.argv[1]))
replies = [c.reply()]
for command in (b"EHLO client.example", b"MAIL FROM:<sender@example.test>",
                b"RCPT TO:<ghost@example.test>", b"RCPT TO:<multi@example.test>",
                b"RCPT TO:<nobody-listed@example.test>", b"DATA",
                b"Subject: e2e\r\n\r\nhello\r\n.", b"QUIT"):
    c.send(command + b"\r\n")
    replies.append(c.reply())
sys.stdout.buffer.write(b"".join(replies))
PY
rc=0
"$DSN_CLI" parse --strict <"$WORK/session.replies" >"$WORK/session.parsed" \
  2>"$WORK/session.errors" || rc=$?
sed "s/^/$E2E_NAME: dsn parse: /" "$WORK/session.parsed"
[ ! -s "$WORK/session.errors" ] ||
  die "dsn parse --strict refused Postfix's replies: $(cat "$WORK/session.errors")"
# worst reply 5yz: EX_UNAVAILABLE
[ "$rc" = 69 ] || die "dsn parse --strict exited $rc, not 69"
codes=$(awk '$1 == "code" { printf "%s ", $2 }' "$WORK/session.parsed")
want="220 250 250 550 550 250 354 250 221 "
[ "$codes" = "$want" ] || die "parsed codes '$codes', not '$want'"
statuses=$(awk '$1 == "status" { printf "%s ", $2 }' "$WORK/session.parsed")
want="2.0.0 2.0.0 2.1.0 5.1.1 5.7.1 2.1.5 none 2.0.0 2.0.0 "
[ "$statuses" = "$want" ] || die "parsed statuses '$statuses', not '$want'"
say "PASS ($checked milter replies equal dsn_format's; 9 replies of a Postfix session parsed strictly)"
