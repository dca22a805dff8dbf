#!/usr/bin/env bash
# OpenSMTPD as a real writer of bounces, read by libdsn: smtpd(8) in the
# foreground with a configuration of its own (listening on a free loopback
# port, relaying everything to dsn-smtpd) takes a message for two
# recipients that dsn-smtpd refuses with libdsn's replies (550 5.1.1, a
# 3-line 550 5.7.1) and sends its bounce back to the sender, which
# dsn-smtpd accepts into its maildir. OpenSMTPD puts the message/
# delivery-status part in a multipart/mixed, with Status 5.0.0 and no
# Diagnostic-Code (the replies are only in the text for people): `dsn
# report --json` must find both recipients there, Action failed, Status
# 5.0.0, and no diagnostic and no other status made up from the prose.
#
# OpenSMTPD's queue (/var/spool/smtpd) and control socket are fixed paths,
# so the test does not run while another smtpd does. Environment (set by
# ctest): DSN_SMTPD, DSN_CLI. Needs root, opensmtpd, swaks and python3:
# skips (77) without them unless DSN_REQUIRE_E2E=1. Installing opensmtpd
# removes Postfix and Exim (Debian packages them as conflicting MTAs).
set -euo pipefail
E2E_NAME=e2e-opensmtpd-bounce
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/mta.sh
. "$here/../lib/mta.sh"

require smtpd swaks python3
require_dsn_programs
if pgrep -x smtpd >/dev/null; then
  skip_or_fail "another OpenSMTPD runs (its queue and socket are shared)"
fi
make_workdir

dsn_smtpd_start "sender accept # bounces come back here" "bob multiline"

port=$(free_port)
cat >"$WORK/smtpd.conf" <<CONF
listen on 127.0.0.1 port $port
action "out" relay host smtp://127.0.0.1:$SMTPD_PORT
match from any for any action "out"
CONF
smtpd -n -f "$WORK/smtpd.conf" >"$WORK/check.log" 2>&1 ||
  die "smtpd -n: $(cat "$WORK/check.log")"
start_bg "$WORK/opensmtpd.log" smtpd -d -f "$WORK/smtpd.conf"
wait_for 15 "OpenSMTPD on 127.0.0.1:$port" port_open "$port"

swaks --server "127.0.0.1:$port" --from sender@example.test \
  --to ghost@example.test,bob@example.test \
  --header "Subject: libdsn opensmtpd test" --timeout 20 >"$WORK/swaks.log" 2>&1 ||
  die "OpenSMTPD did not take the message: $(cat "$WORK/swaks.log")"

check_bounce 60 ghost@example.test 5.0.0 - bob@example.test 5.0.0 -
say "PASS (OpenSMTPD's bounce read by libdsn: 2 recipients in a multipart/mixed)"
