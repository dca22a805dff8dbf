#!/usr/bin/env bash
# Frama-C over every harness of tests/proof/harnesses, by the one runner
# tests/proof/run.sh (docs/proof.md): EVA runs each entry point over every
# input of its class, WP proves the listed contracts. dsn_parse_status(),
# dsn_parse_reply() and the bounce reader (dsn_report_read/_next/_status)
# raise no alarm; dsn_format_ex() and dsn_status_fields() none but those
# their baseline lists with why each cannot occur; dsn_parse_status() and
# dsn_parse_reply() read nothing at or past len for any len, and give the
# results their comments promise for the errors (WP). A new alarm, a
# listed alarm that no longer occurs, an unproved goal or a timeout fails
# the step. About 3 min of wall time here on 2 cores (docs/proof.md), the
# WP of dsn_parse_reply the longest part.
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/../lib.sh"

need_command frama-c frama-c-base
need_command cvc4 cvc4
need_command why3 why3
need_command ocamlfind ocaml-findlib # tests/proof/unreached.ml is a script
need_command cmake cmake
apt_install_needs

DSN_REQUIRE_E2E=1 bash tests/proof/run.sh build-proof-ci
