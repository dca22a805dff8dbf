# shellcheck shell=bash
# Shared by the tests in which a real MTA writes a bounce that libdsn
# reads (tests/e2e/exim, tests/e2e/opensmtpd): dsn-smtpd as the remote
# server that refuses recipients with libdsn's replies and keeps the bounce
# that comes back to the sender, and `dsn report --json` reading that
# bounce. Builds on ../postfix/lib.sh (skip-or-fail gating, $WORK, bounded
# waits, processes stopped by the EXIT trap), which it sources.
# Environment (set by ctest): DSN_SMTPD, DSN_CLI.

# shellcheck source-path=SCRIPTDIR source=../postfix/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../postfix/lib.sh"
MTA_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The programs every such test runs, as PATH WHAT pairs (require_files).
DSN_PROGRAMS=("${DSN_SMTPD:-}" "dsn-smtpd (examples/)"
  "${DSN_CLI:-}" "the dsn program (tools/)")

# Those programs built, or the test skipped (or failed).
require_dsn_programs() { require_files "${DSN_PROGRAMS[@]}"; }

# dsn_smtpd_start USERS-LINE...: dsn-smtpd on a free loopback port for
# example.test, its users file made of the lines given, its maildir
# $WORK/maildir; sets SMTPD_PORT to the port it listens on.
dsn_smtpd_start() {
  printf '%s\n' "$@" >"$WORK/users"
  start_bg "$WORK/smtpd.log" "$DSN_SMTPD" --listen 127.0.0.1 --port 0 \
    --users "$WORK/users" --domain example.test --maildir "$WORK/maildir" \
    --hostname dsn-smtpd.test
  wait_for 10 "dsn-smtpd to listen" grep -qs '^dsn-smtpd: listening on ' "$WORK/smtpd.log"
  SMTPD_PORT=$(sed -n 's/^dsn-smtpd: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/smtpd.log")
  [ -n "$SMTPD_PORT" ] || die "no port in: $(cat "$WORK/smtpd.log")"
}

maildir_has_mail() { compgen -G "$WORK/maildir/new/*" >/dev/null; }

# check_bounce SECONDS RCPT STATUS DIAGNOSTIC...: waits (bounded) for the
# bounce in dsn-smtpd's maildir, keeps it as $WORK/bounce.eml, reads it
# with `dsn report --json` and checks it with check_report_json.py (one
# RCPT STATUS DIAGNOSTIC triple a recipient; see there).
check_bounce() {
  local seconds=$1
  shift
  wait_for "$seconds" "the bounce in dsn-smtpd's maildir" maildir_has_mail
  cp "$WORK"/maildir/new/* "$WORK/bounce.eml"
  "$DSN_CLI" report --json "$WORK/bounce.eml" >"$WORK/report.json" ||
    die "dsn report: $(cat "$WORK/report.json") in $(cat "$WORK/bounce.eml")"
  python3 "$MTA_LIB/check_report_json.py" "$WORK/report.json" "$@" |
    sed "s/^/$E2E_NAME: /"
}
