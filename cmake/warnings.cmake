# Warnings stay on the targets that ask for them, never on a parent project.
function(dsn_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
      -Wshadow -Wconversion -Wstrict-prototypes -Wmissing-prototypes)
    if(DSN_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
