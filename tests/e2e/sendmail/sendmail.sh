#!/usr/bin/env bash
# Sendmail 8.17 with dsn-milter-example (INPUT_MAIL_FILTER), in -bs mode:
# swaks talks SMTP to `sendmail -bs` through a pipe (no daemon, no port
# 25), in a private mount namespace whose /etc/hosts names this host with
# a domain (Sendmail sleeps 60 s and retries when it cannot qualify its own
# name). For every user of ../postfix/milter-users the reply swaks receives
# must be dsn_format's for that user, changed only as Sendmail changes a
# milter's reply:
#   - it inserts "<rcpt>... " after the codes of the first line;
#   - it formats the text, so libdsn's "%%" arrives as "%";
#   - the 40-line reply arrives as dsn_milter_setreply's 32 lines.
# And, with sendmail-raw-milter handing libmilter what libdsn never does:
#   - a text with a lone '%' is replaced by "550 5.7.1 <rcpt>... Command
#     rejected";
#   - the class is not checked: "550 4.1.1" goes out as it is.
# The exact bytes of each reply, read from the pipe, are printed.
#
# Environment (set by ctest): DSN_CLI, DSN_MILTER_EXAMPLE,
# DSN_SENDMAIL_RAW_MILTER; DSN_SENDMAIL_ROOT, where sendmail-bin and
# sendmail-cf are (default /: installed; CI unpacks them with dpkg -x, so
# that no installed MTA is removed). Needs root, swaks, m4, unshare and
# python3: skips (77) without them unless DSN_REQUIRE_E2E=1.
set -euo pipefail
E2E_NAME=e2e-sendmail-milter
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../postfix/lib.sh
. "$here/../postfix/lib.sh"

root=${DSN_SENDMAIL_ROOT:-/}
sendmail=$root/usr/libexec/sendmail/sendmail
cfm4=$root/usr/share/sendmail/cf/m4/cf.m4
[ "$(id -u)" = 0 ] || skip_or_fail "needs root (unshare -m, sendmail -C)"
for cmd in swaks m4 unshare python3; do
  command -v "$cmd" >/dev/null 2>&1 || skip_or_fail "$cmd not installed"
done
[ -x "$sendmail" ] || skip_or_fail "no sendmail at $sendmail (sendmail-bin)"
[ -f "$cfm4" ] || skip_or_fail "no $cfm4 (sendmail-cf)"
require_file "${DSN_CLI:-}" "the dsn program"
require_file "${DSN_MILTER_EXAMPLE:-}" "dsn-milter-example (libmilter-dev)"
require_file "${DSN_SENDMAIL_RAW_MILTER:-}" "sendmail-raw-milter (libmilter-dev)"
make_workdir

users=$here/../postfix/milter-users
mport=$(free_port)
start_bg "$WORK/milter.log" "$DSN_MILTER_EXAMPLE" \
  --socket "inet:$mport@127.0.0.1" --users "$users"
rport=$(free_port)
start_bg "$WORK/raw.log" "$DSN_SENDMAIL_RAW_MILTER" "inet:$rport@127.0.0.1"
wait_for 10 "dsn-milter-example to listen" grep -qs 'listening on' "$WORK/milter.log"
wait_for 10 "sendmail-raw-milter to listen" grep -qs 'listening on' "$WORK/raw.log"

# One configuration per milter: local and smtp mailers, no alias file,
# senders and recipients of any domain, every milter failure a reject.
mkdir -p "$WORK/queue"
printf 'hosts files\naliases files\n' >"$WORK/service.switch"
printf '127.0.0.1 %s.sendmail.test %s localhost\n' "$(hostname)" "$(hostname)" >"$WORK/hosts"
make_cf() { # NAME PORT
  cat >"$WORK/$1.mc" <<MC
include(\`$cfm4')dnl
OSTYPE(\`linux')dnl
define(\`QUEUE_DIR', \`$WORK/queue')dnl
define(\`STATUS_FILE', \`$WORK/statistics')dnl
define(\`ALIAS_FILE', \`')dnl
define(\`confSERVICE_SWITCH_FILE', \`$WORK/service.switch')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confDOMAIN_NAME', \`sendmail.test')dnl
define(\`confLOG_LEVEL', \`0')dnl
INPUT_MAIL_FILTER(\`$1', \`S=inet:$2@127.0.0.1, F=R, T=C:10s;S:10s;R:10s;E:10s')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`promiscuous_relay')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
MC
  m4 "$WORK/$1.mc" >"$WORK/$1.cf" 2>"$WORK/$1.m4.log" ||
    die "m4 $1.mc: $(cat "$WORK/$1.m4.log")"
  # the SMTP server swaks talks to through a pipe
  cat >"$WORK/$1.sh" <<SH
#!/bin/sh
exec unshare -m sh -c 'mount --bind "$WORK/hosts" /etc/hosts && exec "$sendmail" -C "$WORK/$1.cf" -bs'
SH
  chmod +x "$WORK/$1.sh"
}
make_cf dsn "$mport"
make_cf raw "$rport"

# rcpt_reply CF LOCALPART: the reply lines swaks shows for RCPT TO
rcpt_reply() { swaks_reply "|$WORK/$1.sh" RCPT sender@example.test "$2@example.test"; }

# dsn_format's reply for a users-file line as Sendmail sends it: "<rcpt>... "
# after the codes of line 1, '%%' as '%', at most 32 lines (the 32nd as
# dsn_milter_setreply writes it, checked by its start)
sendmail_expected() { # LOCALPART NAME MSG
  "$DSN_CLI" "$2" "$3" | tr -d '\r' | head -n 31 |
    awk -v ins="<$1@example.test>... " 'NR == 1 { $0 = substr($0, 1, 10) ins substr($0, 11) } { print }'
}

checked=0
while read -r localpart name msg; do
  case $localpart in '' | '#'*) continue ;; esac
  msg=${msg//\\n/$'\n'}
  got=$(rcpt_reply dsn "$localpart")
  want=$(sendmail_expected "$localpart" "$name" "$msg")
  lines=$("$DSN_CLI" "$name" "$msg" | wc -l)
  if [ "$lines" -gt 32 ]; then
    last=$(printf '%s\n' "$got" | sed -n '32p')
    case $last in
      "${want:0:3} "?.?.?" (reply cut: "*) want="$want"$'\n'"$last" ;;
      *) die "$localpart: line 32 does not say that the reply was cut: $last" ;;
    esac
  fi
  # libdsn doubles '%' for Sendmail, which formats the text
  [ "$got" = "${want//%%/%}" ] || {
    say "RCPT TO:<$localpart@example.test>: expected" >&2
    printf '%s\n' "${want//%%/%}" >&2
    say "swaks received" >&2
    printf '%s\n' "$got" >&2
    die "Sendmail's reply for $localpart differs"
  }
  say "ok $localpart ($name, $(printf '%s\n' "$got" | wc -l) line(s)): $(printf '%s' "$got" | head -n 1 | cut -c1-100)"
  first=$(printf '%s\n' "$got" | head -n 1)
  [ ${#first} -le 510 ] ||
    say "note: Sendmail's insertion makes line 1 of $localpart $((${#first} + 2)) octets with CRLF"
  checked=$((checked + 1))
done <"$users"
[ "$checked" -ge 5 ] || die "only $checked users in $users"

got=$(rcpt_reply dsn nobody-listed)
case $got in 250\ *) say "ok nobody-listed: $got" ;; *) die "unlisted recipient got: $got" ;; esac
got=$(rcpt_reply raw lone)
[ "$got" = "550 5.7.1 <lone@example.test>... Command rejected" ] ||
  die "a lone '%': $got"
say "ok a lone '%' (not from libdsn): Sendmail replaces the reply: $got"
got=$(rcpt_reply raw class)
[ "$got" = "550 4.1.1 <class@example.test>... Class mismatch" ] ||
  die "class mismatch: $got"
say "ok 4.1.1 in a 550 (not from libdsn): Sendmail does not check the class: $got"

# the exact bytes of some replies, as read from the pipe
python3 - "$WORK/dsn.sh" "$WORK/raw.sh" <<'PY' | sed "s/^/$E2E_NAME: bytes: /"
import subprocess
import sys


def rcpt(server, rcpt):
    p = subprocess.Popen([server], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def reply():
        out = b""
        while True:
            line = p.stdout.readline()
            out += line
            if not line.endswith(b"\n") or line[3:4] != b"-":
                return out

    reply()
    for command in (b"EHLO client.example", b"MAIL FROM:<sender@example.test>",
                    b"RCPT TO:<%s>" % rcpt):
        p.stdin.write(command + b"\r\n")
        p.stdin.flush()
        last = reply()
    p.stdin.write(b"QUIT\r\n")
    p.stdin.flush()
    reply()
    p.wait(timeout=20)
    print(repr(last)[1:])


rcpt(sys.argv[1], b"ghost@example.test")
rcpt(sys.argv[1], b"multi@example.test")
rcpt(sys.argv[1], b"sure@example.test")
rcpt(sys.argv[2], b"lone@example.test")
rcpt(sys.argv[2], b"class@example.test")
PY
say "PASS ($checked milter replies as Sendmail sends them; its changes: <rcpt>... inserted, '%%' formatted, a lone '%' replaced, the class unchecked)"
