# `cmake --install build --prefix P`: the library, every public header with
# the .def tables they include, the dsn program, the man pages, and the
# CMake (find_package(dsn)) and pkg-config (libdsn) packages.
include(CMakePackageConfigHelpers)

# Headers go to their own directory: dsn_table.def and the other tables are
# no names for the top of /usr/include. dsn.h sits there and its parts in
# dsn/ beside it, with the generated dsn/version.h and the tables the parts
# include: every include is a "" include of a file next to its includer, so
# <libdsn/dsn.h> works without flags and <dsn.h> with the package's.
set(DSN_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/libdsn)
set(DSN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/dsn)

install(TARGETS dsn EXPORT dsnTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${DSN_INSTALL_INCLUDEDIR})
file(GLOB DSN_PUBLIC_PARTS CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/include/dsn/*.h)
install(FILES ${PROJECT_SOURCE_DIR}/include/dsn.h
        DESTINATION ${DSN_INSTALL_INCLUDEDIR})
install(FILES ${DSN_PUBLIC_PARTS} ${DSN_GENERATED_INCLUDE_DIR}/dsn/version.h
              ${DSN_TABLES}
        DESTINATION ${DSN_INSTALL_INCLUDEDIR}/dsn)
install(FILES ${PROJECT_SOURCE_DIR}/man/libdsn.3
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man3)

if(TARGET dsn_cli)
  # A shared libdsn is found next to the program's prefix, wherever it is.
  file(RELATIVE_PATH DSN_BIN_TO_LIB ${CMAKE_INSTALL_FULL_BINDIR}
       ${CMAKE_INSTALL_FULL_LIBDIR})
  set_target_properties(dsn_cli PROPERTIES
                        INSTALL_RPATH "$ORIGIN/${DSN_BIN_TO_LIB}")
  install(TARGETS dsn_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  if(EXISTS ${PROJECT_SOURCE_DIR}/man/dsn.1)
    install(FILES ${PROJECT_SOURCE_DIR}/man/dsn.1
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endif()
endif()

# find_package(dsn CONFIG) gives dsn::dsn; COMPONENTS milter gives
# dsn::milter too (contrib/milter installs its targets beside these).
install(EXPORT dsnTargets NAMESPACE dsn:: FILE dsnTargets.cmake
        DESTINATION ${DSN_INSTALL_CMAKEDIR})
configure_file(${PROJECT_SOURCE_DIR}/cmake/dsnConfig.cmake.in
               ${PROJECT_BINARY_DIR}/dsnConfig.cmake @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/dsnConfig.cmake
        DESTINATION ${DSN_INSTALL_CMAKEDIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/dsnConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/dsnConfigVersion.cmake
        DESTINATION ${DSN_INSTALL_CMAKEDIR})

# libdsn.pc computes its prefix from its own place (pcfiledir), so it is
# right for any --prefix given at install time and inside the .deb.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(DSN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH DSN_PC_UP /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
  string(REGEX REPLACE "/$" "" DSN_PC_UP "${DSN_PC_UP}")
  set(DSN_PC_PREFIX "\${pcfiledir}/${DSN_PC_UP}")
endif()
foreach(dir CMAKE_INSTALL_LIBDIR DSN_INSTALL_INCLUDEDIR)
  if(IS_ABSOLUTE "${${dir}}")
    set(DSN_PC_${dir} "${${dir}}")
  else()
    set(DSN_PC_${dir} "\${prefix}/${${dir}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/libdsn.pc.in
               ${PROJECT_BINARY_DIR}/libdsn.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/libdsn.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
