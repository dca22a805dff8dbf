# dsn_version.h carries the project() version into C. It is generated into
# the build tree, which is on dsn's include path (BUILD_INTERFACE), and
# installed next to dsn.h.
set(DSN_GENERATED_INCLUDE_DIR ${PROJECT_BINARY_DIR}/include)
configure_file(${PROJECT_SOURCE_DIR}/include/dsn_version.h.in
               ${DSN_GENERATED_INCLUDE_DIR}/dsn_version.h @ONLY)
