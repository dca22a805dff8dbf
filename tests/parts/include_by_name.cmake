# cmake -DDIR=include/dsn -P include_by_name.cmake: fails, naming the file,
# when a part includes another as "dsn/x.h" rather than "x.h": installed in
# include/libdsn/dsn/, it would not find it under <libdsn/dsn.h> without
# flags.
file(GLOB parts ${DIR}/*.h)
set(bad "")
foreach(part ${parts})
  file(STRINGS ${part} lines REGEX "^#[ \t]*include[ \t]+\"dsn/")
  if(lines)
    list(APPEND bad "${part}: ${lines}")
  endif()
endforeach()
if(bad)
  string(REPLACE ";" "\n" bad "${bad}")
  message(FATAL_ERROR "include the parts beside a part by file name:\n${bad}")
endif()
list(LENGTH parts n)
message(STATUS "${n} parts include their siblings by file name")
