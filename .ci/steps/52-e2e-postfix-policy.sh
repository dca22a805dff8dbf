#!/usr/bin/env bash
# Postfix policy delegation end to end: installs postfix (preseeded "No
# configuration", so Debian sets up no instance of its own), swaks and
# python3; builds dsn-policyd and runs tests/e2e/postfix/policy.sh with
# DSN_REQUIRE_E2E=1: a private Postfix on 127.0.0.1 asks dsn-policyd
# (check_policy_service) and the SMTP client must receive exactly the line
# Postfix builds from dsn_policy_action's response (5.1.1 and 4.2.2 as
# given, a sender's 5.1.1 as 5.1.7, three lines as one, a long text cut to
# a 512-octet line at a 256-octet path). And tests/e2e/postfix/bounce.sh:
# Postfix's live bounces (an unknown local user; a relay to dsn-smtpd
# answering 550 5.1.1) captured in dsn-smtpd's maildir and read back with
# Python's email and dsn report --json. Stops everything it starts.
# Measured on a 2-core Debian 12 VM: 43 s in all, postfix's install (which
# removed exim4) included; the two tests 9 s and 6 s.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"
build="${1:-build-ci}"

need_postfix_e2e
apt_install_needs

ci_build "$build" -- dsn-policyd dsn-smtpd dsn_cli test_policy
e2e_ctest "$build" '^(test_policy|e2e_postfix_policy|e2e_postfix_bounce)$'
