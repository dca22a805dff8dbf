#!/bin/sh
# Runs one dsn-smtpd end-to-end test with python3: run.sh TEST.py ARGS...
# Without python3 the test is skipped (77), unless DSN_REQUIRE_E2E=1.
if ! command -v python3 >/dev/null 2>&1; then
  if [ "${DSN_REQUIRE_E2E:-0}" = 1 ]; then
    echo "FAIL: python3 is not installed, and DSN_REQUIRE_E2E=1"
    exit 1
  fi
  echo "SKIP: python3 is not installed"
  exit 77
fi
# -B: no __pycache__ in the source tree
exec python3 -B "$@"
