#!/usr/bin/env bash
# Exim as a real writer of bounces, read by libdsn: a private Exim (its own
# configuration, spool and log under a temporary directory; no daemon: the
# message is submitted on stdin with -odi and delivered at once) relays
# through a manualroute router to dsn-smtpd, which refuses two recipients
# with libdsn's replies (550 5.1.1 for an unknown user, a 3-line 550 5.7.1)
# and accepts the bounce Exim sends back to the sender into its maildir.
# `dsn report --json` reads that bounce: each recipient with Action failed,
# Exim's Status 5.0.0, the remote reply as Diagnostic-Code, and the status
# that matters (diagnostic_status) taken from that reply: 5.1.1 and 5.7.1.
#
# Environment (set by ctest): DSN_SMTPD, DSN_CLI (tests/e2e/lib/mta.sh).
# Needs root, exim4
# (exim4-daemon-light) and python3: skips (77) without them unless
# DSN_REQUIRE_E2E=1. Installing exim4 removes Postfix and OpenSMTPD (Debian
# packages them as conflicting MTAs).
set -euo pipefail
E2E_NAME=e2e-exim-bounce
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib/mta.sh
. "$here/../lib/mta.sh"

require exim4 python3
require_dsn_programs
make_workdir
dsn_smtpd_start "sender accept # bounces come back here" "bob multiline"

mkdir -p "$WORK/spool" "$WORK/log"
chown Debian-exim:Debian-exim "$WORK/spool" "$WORK/log"
conf=$WORK/exim.conf
cat >"$conf" <<CONF
primary_hostname = exim.test
qualify_domain = example.test
spool_directory = $WORK/spool
log_file_path = $WORK/log/%slog
exim_user = Debian-exim
exim_group = Debian-exim
never_users =
host_lookup =
rfc1413_hosts =
acl_not_smtp = acl_accept
begin acl
acl_accept:
  accept
begin routers
smarthost:
  driver = manualroute
  domains = *
  route_list = * 127.0.0.1::$SMTPD_PORT
  transport = remote_smtp
  self = send
  no_more
begin transports
remote_smtp:
  driver = smtp
  allow_localhost
  helo_data = exim.test
begin retry
* * F,1m,1m
CONF
chmod 644 "$conf"

printf 'From: sender@example.test\nTo: ghost@example.test, bob@example.test\nSubject: libdsn exim test\nMessage-ID: <exim-test.1@example.test>\n\nHello.\n' |
  timeout 60 exim4 -C "$conf" -odi -f sender@example.test \
    ghost@example.test bob@example.test >"$WORK/exim.out" 2>&1 ||
  die "exim did not take the message: $(cat "$WORK/exim.out" "$WORK"/log/* 2>/dev/null)"

check_bounce 30 ghost@example.test 5.1.1 "550 5.1.1 " \
  bob@example.test 5.7.1 "550-5.7.1 "
say "PASS (Exim's bounce read by libdsn: 2 recipients, statuses from the replies)"
