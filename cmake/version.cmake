# The headers the parts include by file name but that are not in
# include/dsn/ of the source tree: dsn/version.h, generated here from the
# project() version, and the tables dsn_table.def, iana_registry.def and default_status.def,
# which stay at the top of the source tree and are copied here at configure
# time (configure_file re-runs CMake when one changes). This directory and
# include/ are all a user of the dsn target gets on its include path, never
# the whole source tree; cmake/install.cmake installs the same files next
# to the parts, where their "" includes find them.
set(DSN_GENERATED_INCLUDE_DIR ${PROJECT_BINARY_DIR}/include)
configure_file(${PROJECT_SOURCE_DIR}/include/dsn/version.h.in
               ${DSN_GENERATED_INCLUDE_DIR}/dsn/version.h @ONLY)
set(DSN_TABLES ${PROJECT_SOURCE_DIR}/dsn_table.def
               ${PROJECT_SOURCE_DIR}/iana_registry.def
               ${PROJECT_SOURCE_DIR}/default_status.def)
foreach(table ${DSN_TABLES})
  get_filename_component(name ${table} NAME)
  configure_file(${table} ${DSN_GENERATED_INCLUDE_DIR}/${name} COPYONLY)
endforeach()
