# The switch of an adapter that needs another library (contrib/*):
#
#   dsn_adapter_option(DSN_X "libdsn-x")
#       the cache option DSN_X, AUTO (build when the library is found, the
#       default), ON (require it) or OFF; sets DSN_X_MODE to AUTO, ON or
#       OFF in the caller.
#   dsn_adapter_missing(DSN_X "libdsn-x" "libx.h" "libx-dev")
#       the library is missing: an error with ON, one status line with AUTO.
function(dsn_adapter_option var what)
  set(${var} AUTO CACHE STRING "Build ${what}: AUTO, ON or OFF")
  set_property(CACHE ${var} PROPERTY STRINGS AUTO ON OFF)
  string(TOUPPER "${${var}}" mode)
  if(NOT mode MATCHES "^(AUTO|ON|OFF)$")
    message(FATAL_ERROR "${var} must be AUTO, ON or OFF, not '${${var}}'")
  endif()
  set(${var}_MODE ${mode} PARENT_SCOPE)
endfunction()

function(dsn_adapter_missing var what needs debian)
  if(${var}_MODE STREQUAL "ON")
    message(FATAL_ERROR "${var}=ON but ${needs} was not found "
                        "(Debian: apt-get install ${debian})")
  endif()
  message(STATUS "${what}: ${needs} not found, not built (Debian: ${debian})")
endfunction()
