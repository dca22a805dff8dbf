#!/usr/bin/env bash
# Real readers of the reports dsn_bounce_format() writes (tests/bounce/):
# Python's email package parses every part and field; Sisimai
# (libsisimai-perl) reports each failed recipient with its status and the
# reason of its taxonomy (userunknown 5.1.1, mailboxfull 5.2.2,
# hostunknown 5.1.2, expired 5.4.7); Mail::DeliveryStatus::BounceParser
# (libmail-deliverystatus-bounceparser-perl) finds the failed recipients.
# Installs the readers and runs them with DSN_REQUIRE_E2E=1, so a missing
# one fails instead of skipping. About 3 s here with the packages there
# (the tests 1.3 s), plus apt-get on a fresh machine.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
build="${1:-build-ci}"

need_command python3 python3
need_package libsisimai-perl
need_package libmail-deliverystatus-bounceparser-perl
apt_install_needs

ci_build "$build" -- bounce_write_samples >/dev/null
DSN_REQUIRE_E2E=1 ctest --test-dir "$build" --output-on-failure \
  --timeout 60 --no-tests=error -L '^bounce$'
