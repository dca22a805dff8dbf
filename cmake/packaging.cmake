# `cpack -G DEB` in the build directory: one .deb (libdsn-dev) with what
# cmake/install.cmake installs. Configure with -DCMAKE_INSTALL_PREFIX=/usr
# so that GNUInstallDirs picks Debian's multiarch libdir.
# `cpack --config CPackSourceConfig.cmake`: the release tarball.
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_PACKAGE_VENDOR "The libdsn authors")
set(CPACK_PACKAGE_CONTACT "The libdsn authors")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)

set(CPACK_DEBIAN_PACKAGE_NAME libdsn-dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS pkg-config)
# libdsn-milter.a is in the package when libmilter was found at build time;
# a milter linking it needs libmilter's own library and headers
if(TARGET dsn_milter)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pkg-config, libmilter-dev")
endif()
find_program(DSN_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DSN_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  # the dsn program (and a shared libdsn) need only libc
  set(CPACK_DEBIAN_PACKAGE_DEPENDS libc6)
endif()

# The source tarball leaves out build trees, git and node's downloads.
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" DSN_SOURCE_RE
       "${PROJECT_SOURCE_DIR}")
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "^${DSN_SOURCE_RE}/build[^/]*/"
    "^${DSN_SOURCE_RE}/\\.git/" "/node_modules/")

include(CPack)
