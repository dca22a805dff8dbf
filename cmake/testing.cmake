# Whether the tests are built: DSN_BUILD_TESTS is AUTO (the default when
# libdsn is the top-level project: built when cmocka is found, said in one
# line when not), ON (required: configuring fails when cmocka is missing)
# or OFF. A user who only wants the library or the dsn program never needs
# a test-only package. Afterwards DSN_BUILD_TESTS is plain ON or OFF for the
# directories that follow, and dsn_link_cmocka(target) links a test.
#
# The conformance test also needs node and npm for the haraka-dsn oracle;
# it is built anyway and skips at run time without them (unless
# DSN_REQUIRE_ORACLE=1), which configuring says in one line too.
string(TOUPPER "${DSN_BUILD_TESTS}" dsn_tests_mode)
if(dsn_tests_mode STREQUAL "AUTO")
  set(dsn_tests_required OFF)
elseif(DSN_BUILD_TESTS)
  set(dsn_tests_required ON)
else()
  set(DSN_BUILD_TESTS OFF)
  return()
endif()

find_package(cmocka CONFIG QUIET)
if(NOT cmocka_FOUND)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CMOCKA QUIET IMPORTED_TARGET cmocka)
  endif()
endif()
if(NOT cmocka_FOUND AND NOT CMOCKA_FOUND)
  if(dsn_tests_required)
    message(FATAL_ERROR "DSN_BUILD_TESTS=ON but cmocka was not found "
                        "(Debian: apt-get install libcmocka-dev pkg-config)")
  endif()
  message(STATUS "libdsn: tests not built: cmocka not found "
                 "(Debian: libcmocka-dev; scripts/test.sh installs it)")
  set(DSN_BUILD_TESTS OFF)
  return()
endif()
set(DSN_BUILD_TESTS ON)

find_program(DSN_NODE node)
find_program(DSN_NPM npm)
if(NOT DSN_NODE OR NOT DSN_NPM)
  message(STATUS "libdsn: the conformance test will skip: node or npm not "
                 "found (Debian: nodejs npm; scripts/test.sh installs them)")
endif()

function(dsn_link_cmocka target)
  if(TARGET cmocka::cmocka)
    target_link_libraries(${target} PRIVATE cmocka::cmocka)
  elseif(TARGET PkgConfig::CMOCKA)
    target_link_libraries(${target} PRIVATE PkgConfig::CMOCKA)
  else()
    target_link_libraries(${target} PRIVATE ${CMOCKA_LIBRARIES} cmocka)
    target_include_directories(${target} PRIVATE ${CMOCKA_INCLUDE_DIR})
  endif()
endfunction()
