#!/usr/bin/env bash
# Live bounces from Postfix, read back: a private Postfix instance takes
# one message for two recipients it cannot deliver,
#   - nosuch@postfix.test, a local user that does not exist (local(8):
#     5.1.1, "X-Postfix; unknown user");
#   - ghost@example.test, relayed to dsn-smtpd, which answers RCPT TO with
#     libdsn's "550 5.1.1 No such user";
# and sends the sender its bounce, which goes to dsn-smtpd's maildir (the
# sender's domain is relayed there too). Each bounce found there must name
# the right recipient with the right Status and Diagnostic-Code, read with
# Python's email package (check_bounce.py) and with libdsn's own reader
# (dsn report --json, which must also say Action failed).
#
# Environment (set by ctest): DSN_SMTPD, DSN_CLI. Needs root, postfix,
# swaks and python3: skips (77) without them unless DSN_REQUIRE_E2E=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/mta.sh
. "$here/../lib/mta.sh"
postfix_test e2e-postfix-bounce "${DSN_PROGRAMS[@]}"

dsn_smtpd_start "sender accept # bounces come back here"

sport=$(free_port)
postfix_start "$sport" <<CF
mydestination = postfix.test
relayhost = [127.0.0.1]:$SMTPD_PORT
smtp_helo_name = postfix.test
bounce_queue_lifetime = 0
maximal_queue_lifetime = 0
CF

swaks --server "127.0.0.1:$sport" --from sender@example.test \
  --to nosuch@postfix.test,ghost@example.test \
  --header "Subject: libdsn bounce test" --timeout 20 >"$WORK/swaks.log" 2>&1 ||
  die "Postfix did not take the message: $(cat "$WORK/swaks.log")"

printf '%s\t%s\t%s\n' \
  nosuch@postfix.test 5.1.1 'X-Postfix; unknown user: "nosuch"' \
  ghost@example.test 5.1.1 'smtp; 550 5.1.1 No such user' >"$WORK/expected"

# one bounce for both, or one each: wait until both recipients are in
bounced() {
  [ "$(cat "$WORK"/maildir/new/* 2>/dev/null | grep -ci '^Final-Recipient:')" -ge 2 ]
}
wait_for 30 "the bounces in dsn-smtpd's maildir" bounced
python3 "$here/check_bounce.py" "$WORK/expected" "$WORK"/maildir/new/* |
  sed "s/^/$E2E_NAME: email: /"
grep -E 'status=bounced|non-delivery' "$WORK/maillog" | sed "s/^/$E2E_NAME: maillog: /"

python3 "$here/check_report.py" "$WORK/expected" "$DSN_CLI" "$WORK"/maildir/new/* |
  sed "s/^/$E2E_NAME: /"
say "PASS (2 live Postfix bounces: unknown local user, relay answered 550 5.1.1)"
