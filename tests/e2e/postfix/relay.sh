#!/usr/bin/env bash
# Postfix as the sending client: a private Postfix instance relays
# (relayhost) to dsn-smtpd, whose RCPT replies come from libdsn. One message
# to three recipients that dsn-smtpd refuses: an unknown user (550 5.1.1,
# one line), a "multiline" user (3 lines) and a "long" user (a text wrapped
# past 512 octets). Checked:
#   - Postfix's log says, for each, "dsn=X.Y.Z, status=bounced (host
#     127.0.0.1[127.0.0.1] said: REPLY (in reply to RCPT TO command))" where
#     REPLY is libdsn's reply (smtpd-expect prints it) with its lines joined
#     by a space, as Postfix joins them;
#   - the bounce Postfix sends back to the sender (dsn-smtpd accepts it into
#     its maildir) has, per recipient, "Status: X.Y.Z" and
#     "Diagnostic-Code: smtp; REPLY" (check_bounce.py, Python's email),
#     and libdsn's own reader (`dsn report`, check_report.py) finds the
#     same recipients, Action failed, statuses and diagnostics in it.
#
# Environment (set by ctest): DSN_SMTPD, DSN_SMTPD_EXPECT, DSN_CLI. Needs root,
# postfix, swaks and python3: skips (77) without them unless
# DSN_REQUIRE_E2E=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/mta.sh
. "$here/../lib/mta.sh"
postfix_test e2e-postfix-relay "${DSN_PROGRAMS[@]}" \
  "${DSN_SMTPD_EXPECT:-}" "smtpd-expect (tests/e2e/server/)"

# localpart, the dsn-smtpd users-file kind, and the libdsn call that
# dsn-smtpd makes for it (the same as tests/e2e/server/harness.py)
cat >"$WORK/cases" <<'CASES'
ghost -           no_such_user
bob   multiline   sec_unauthorized @multiline
carol long        mbox_disabled @wrapped
CASES
mapfile -t users < <(awk '$2 != "-" { print $1, $2 }' "$WORK/cases")
dsn_smtpd_start "sender accept # bounces come back here" "${users[@]}"

sport=$(free_port)
postfix_start "$sport" <<CF
relayhost = [127.0.0.1]:$SMTPD_PORT
smtp_helo_name = postfix.test
bounce_queue_lifetime = 0
maximal_queue_lifetime = 0
CF

rcpts=$(awk '{ printf "%s%s@example.test", sep, $1; sep = "," }' "$WORK/cases")
swaks --server "127.0.0.1:$sport" --from sender@example.test --to "$rcpts" \
  --header "Subject: libdsn relay test" --timeout 20 >"$WORK/swaks.log" 2>&1 ||
  die "Postfix did not take the message: $(cat "$WORK/swaks.log")"

: >"$WORK/expected"
while read -r localpart _ name text; do
  # shellcheck disable=SC2086 # text is one word or none
  reply=$("$DSN_SMTPD_EXPECT" "$name" $text | tr -d '\r')
  joined=$(printf '%s\n' "$reply" | paste -sd ' ' -)
  status=$(printf '%s\n' "$reply" | tail -n 1 | cut -d ' ' -f 2)
  line="to=<$localpart@example.test>, relay=127.0.0.1[127.0.0.1]:$SMTPD_PORT"
  wait_log 30 "$line"
  got=$(grep -F "$line" "$WORK/maillog" | tail -n 1)
  want="dsn=$status, status=bounced (host 127.0.0.1[127.0.0.1] said: $joined (in reply to RCPT TO command))"
  case $got in
    *"$want") say "ok $localpart: $want" ;;
    *) die "maillog for $localpart: expected ...$want, got: $got" ;;
  esac
  printf '%s@example.test\t%s\tsmtp; %s\n' "$localpart" "$status" "$joined" >>"$WORK/expected"
done <"$WORK/cases"

wait_for 30 "the bounce in dsn-smtpd's maildir" maildir_has_mail
python3 "$here/check_bounce.py" "$WORK/expected" "$WORK"/maildir/new/* |
  sed "s/^/$E2E_NAME: /"
# the same bounce read by libdsn's DSN reader (dsn report)
python3 "$here/check_report.py" "$WORK/expected" "$DSN_CLI" "$WORK"/maildir/new/* |
  sed "s/^/$E2E_NAME: /"
grep -F 'status=bounced' "$WORK/maillog" | sed "s/^/$E2E_NAME: maillog: /"
grep -F 'sender non-delivery notification' "$WORK/maillog" |
  sed "s/^/$E2E_NAME: maillog: /"
say "PASS (3 replies as Postfix logged and bounced them)"
