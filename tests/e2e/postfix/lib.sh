# shellcheck shell=bash
# Shared by the Postfix end-to-end tests: skip-or-fail gating, free loopback
# ports, bounded waits, and a private Postfix instance (its own
# config_directory, queue_directory and data_directory under a temporary
# directory) so that the machine's default instance is never touched.
# Everything started here is stopped by the EXIT trap.

E2E_NAME=${E2E_NAME:-postfix-e2e}
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=
PIDS=()
POSTFIX_CONF=

say() { printf '%s: %s\n' "$E2E_NAME" "$*"; }
die() {
  say "FAIL: $*" >&2
  exit 1
}

# Missing software: skip (77) unless DSN_REQUIRE_E2E=1 makes it a failure.
skip_or_fail() {
  if [ "${DSN_REQUIRE_E2E:-0}" = 1 ]; then
    die "$* (DSN_REQUIRE_E2E=1: not skipping)"
  fi
  say "SKIP: $*"
  exit 77
}

require() {
  [ "$(id -u)" = 0 ] || skip_or_fail "needs root to run Postfix"
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || skip_or_fail "$cmd not installed"
  done
}

require_file() { # path what
  if [ -z "$1" ] || [ ! -x "$1" ]; then
    skip_or_fail "$2 not built (${1:-no path})"
  fi
}

# require_files PATH WHAT...: require_file for each pair.
require_files() {
  while [ $# -ge 2 ]; do
    require_file "$1" "$2"
    shift 2
  done
  [ $# = 0 ] || die "require_files: no WHAT for $1"
}

cleanup() {
  local rc=$? pid tries
  # TERM first: libmilter takes seconds to wind down, Postfix stops meanwhile
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "$POSTFIX_CONF" ] && [ -f "$POSTFIX_CONF/main.cf" ]; then
    postfix -c "$POSTFIX_CONF" stop >/dev/null 2>&1 || true
    # master(8) exits a moment after "stop"; wait for it, bounded
    for ((tries = 0; tries < 100; tries++)); do
      pid=$(cat "$WORK/spool/pid/master.pid" 2>/dev/null) || break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" != 0 ] && [ "$rc" != 77 ] && [ -n "$WORK" ] && [ -f "$WORK/maillog" ]; then
    say "maillog follows" >&2
    cat "$WORK/maillog" >&2
  fi
  if [ -n "$WORK" ] && [ "${DSN_KEEP_E2E:-0}" != 1 ]; then
    rm -rf "$WORK"
  fi
  exit "$rc"
}

make_workdir() {
  WORK=$(mktemp -d "/tmp/$E2E_NAME.XXXXXX")
  chmod 755 "$WORK"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# postfix_test NAME [PATH WHAT]...: how each Postfix test begins. Names it
# (E2E_NAME, which starts every line it says); skips (77), or fails under
# DSN_REQUIRE_E2E=1, unless it runs as root with postfix, swaks and python3
# and each PATH is a program built (WHAT names it); makes $WORK, cleaned up
# on exit.
postfix_test() {
  E2E_NAME=$1
  shift
  require postfix swaks python3
  require_files "$@"
  make_workdir
}

# harness_python ARG...: python3 that can import tests/e2e/server/harness.py
# (its Client reads whole SMTP replies as received, every wait bounded).
harness_python() {
  PYTHONPATH=$E2E_DIR/server python3 -B "$@"
}

# A TCP port nobody listens on at the moment, on 127.0.0.1.
free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls every 0.1 s.
wait_for() {
  local limit=$1 what=$2 tries
  shift 2
  for ((tries = 0; tries < limit * 10; tries++)); do
    if "$@"; then
      return 0
    fi
    sleep 0.1
  done
  die "timed out after ${limit}s waiting for $what"
}

# start_bg LOGFILE COMMAND...: runs a server in the background, remembered
# for cleanup.
start_bg() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  PIDS+=($!)
}

# The private instance: listens on 127.0.0.1:$1 only, no chroot, logs to
# $WORK/maillog through postlogd. Extra main.cf lines come on stdin. No
# domain is local (mydestination is empty) unless those lines say so; then
# local(8) delivers to the system's users.
postfix_start() {
  local port=$1
  POSTFIX_CONF=$WORK/etc
  mkdir -p "$POSTFIX_CONF" "$WORK/spool" "$WORK/data"
  chown postfix "$WORK/data"
  {
    cat <<CF
compatibility_level = 3.6
queue_directory = $WORK/spool
data_directory = $WORK/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $WORK/maillog
maillog_file_prefixes = $WORK
myhostname = postfix.test
mydomain = postfix.test
myorigin = \$myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtp_dns_support_level = disabled
smtputf8_enable = no
biff = no
CF
    cat
  } >"$POSTFIX_CONF/main.cf"
  # no port 25, no chroot: only what the tests use
  cat >"$POSTFIX_CONF/master.cf" <<CF
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CF
  postfix_cmd start
  wait_for 15 "Postfix smtpd on 127.0.0.1:$port" port_open "$port"
}

# postfix(1) writes its errors to stderr only when that is a terminal (else
# to syslog, which a CI machine may not run): on failure, "postfix check"
# runs again under script(1) to show them.
postfix_cmd() {
  if ! postfix -c "$POSTFIX_CONF" "$@" >"$WORK/postfix-$1.log" 2>&1; then
    script -qc "postfix -c '$POSTFIX_CONF' check" /dev/null \
      >>"$WORK/postfix-$1.log" 2>&1 || true
    die "postfix $*: $(cat "$WORK/postfix-$1.log")"
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# grep the maillog, waiting up to $1 seconds for the pattern to appear
wait_log() {
  wait_for "$1" "maillog line matching: $2" grep -qsF -- "$2" "$WORK/maillog"
}

# swaks_reply SERVER MAIL|RCPT FROM TO: the reply lines swaks shows for
# that command (after "<** " or "<-  "); its whole log in
# $WORK/swaks-TO.log. SERVER is a port on 127.0.0.1, or "|PROGRAM" for an
# SMTP server on a pipe (sendmail -bs).
swaks_reply() {
  local server=$1 command=$2 from=$3 to=$4 log connect
  log=$WORK/swaks-${to%@*}.log
  case $server in
    '|'*) connect=(--pipe "${server#|}") ;;
    *) connect=(--server "127.0.0.1:$server") ;;
  esac
  swaks "${connect[@]}" --from "$from" --to "$to" \
    --quit-after "$command" --timeout 20 >"$log" 2>&1 || true
  awk -v cmd="$command" '$1 == "->" && index($2, cmd) == 1 { on = 1; next }
       on && /^(<\*\*|<-) / { sub(/^(<\*\*|<-) +/, ""); print; next }
       on { exit }' "$log"
}
