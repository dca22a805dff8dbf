# The warning flags, in one place: every target of libdsn (library, program,
# tests, examples, adapters) takes them through dsn_warnings(), and the CI
# compiler matrix (.ci/steps/23-compiler-matrix.sh) builds with them under
# gcc and clang, C99 and C11, with DSN_WERROR=ON. Warnings stay on the
# targets that ask for them, never on a parent project.
set(DSN_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
# C only: C++ has prototypes by construction
set(DSN_C_WARNINGS -Wstrict-prototypes -Wmissing-prototypes)

function(dsn_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE ${DSN_WARNINGS}
      $<$<COMPILE_LANGUAGE:C>:${DSN_C_WARNINGS}>)
    if(DSN_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
