# dsn_mta_bounce_test(NAME LABEL): ctest NAME runs bounce.sh of the calling
# directory, in which a real MTA (LABEL) writes a bounce that libdsn reads
# (tests/e2e/lib/mta.sh): skips (77) without root or the MTA unless
# DSN_REQUIRE_E2E=1; .ci/steps/29-report.sh installs the MTA and runs it
# with DSN_REQUIRE_E2E=1. The programs' paths are tests/CMakeLists.txt's
# dsn_cli_path and dsn_smtpd_path (empty when not built, which the script
# reports: skip, or failure under DSN_REQUIRE_E2E=1).
function(dsn_mta_bounce_test name label)
  add_test(NAME ${name} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/bounce.sh)
  set_tests_properties(${name} PROPERTIES
    LABELS "e2e;${label}"
    SKIP_RETURN_CODE 77
    TIMEOUT 150
    ENVIRONMENT "DSN_CLI=${dsn_cli_path};DSN_SMTPD=${dsn_smtpd_path}")
endfunction()
