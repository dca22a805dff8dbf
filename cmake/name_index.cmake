# dsn_by_name() (src/by_name.c) binary-searches the names of dsn_table.def
# in an order computed at build time, never written by hand:
# tools/gen/name_index.c includes dsn_table.def like every other user of
# the table, sorts the names and writes dsn_name_index.h into the build
# tree. Editing dsn_table.def rebuilds the generator, which rewrites the
# index, which recompiles src/by_name.c.
#
# Included before the dsn target exists, so the index reaches it through
# src/by_name.c's source properties: OBJECT_DEPENDS makes the build run the
# rule first, INCLUDE_DIRECTORIES lets that one file find the header.
#
# Cross builds: add_custom_command runs the generator through
# CMAKE_CROSSCOMPILING_EMULATOR when one is set; otherwise build
# tools/gen/name_index.c for the build machine (cc -I. -o name_index
# tools/gen/name_index.c) and pass -DDSN_NAME_INDEX_GENERATOR=/path/to/it.
set(DSN_NAME_INDEX_GENERATOR "" CACHE FILEPATH
    "A build-machine name_index program (cross builds without an emulator)")
set(DSN_NAME_INDEX_DIR ${PROJECT_BINARY_DIR}/generated)
set(DSN_NAME_INDEX_H ${DSN_NAME_INDEX_DIR}/dsn_name_index.h)
file(MAKE_DIRECTORY ${DSN_NAME_INDEX_DIR})

if(DSN_NAME_INDEX_GENERATOR)
  set(dsn_name_index_cmd ${DSN_NAME_INDEX_GENERATOR})
else()
  add_executable(dsn_name_index tools/gen/name_index.c)
  target_include_directories(dsn_name_index PRIVATE
                             ${CMAKE_CURRENT_SOURCE_DIR})
  dsn_warnings(dsn_name_index)
  set(dsn_name_index_cmd dsn_name_index)
endif()

add_custom_command(
  OUTPUT ${DSN_NAME_INDEX_H}
  COMMAND ${dsn_name_index_cmd} ${DSN_NAME_INDEX_H}
  DEPENDS ${dsn_name_index_cmd} ${CMAKE_CURRENT_SOURCE_DIR}/dsn_table.def
  COMMENT "Sorting the names of dsn_table.def for dsn_by_name()"
  VERBATIM)
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/src/by_name.c
  PROPERTIES OBJECT_DEPENDS ${DSN_NAME_INDEX_H}
             INCLUDE_DIRECTORIES ${DSN_NAME_INDEX_DIR})
