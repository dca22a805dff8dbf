/* The functions of dsn_exim.so, as ${dlfunc{.../dsn_exim.so}{NAME}...}
 * finds them (dsn_exim.h). */
#include "dsn_exim_dlfunc.h"

#if defined(__GNUC__) || defined(__clang__)
#define EXPORT __attribute__((visibility("default")))
#else
#define EXPORT
#endif

EXPORT int dsn_reply(unsigned char **yield, int argc, unsigned char *argv[]);
EXPORT int dsn_deny(unsigned char **yield, int argc, unsigned char *argv[]);
EXPORT int dsn_defer(unsigned char **yield, int argc, unsigned char *argv[]);

int dsn_reply(unsigned char **yield, int argc, unsigned char *argv[])
{
    return dsn_exim_dlfunc_any(yield, argc, argv);
}

int dsn_deny(unsigned char **yield, int argc, unsigned char *argv[])
{
    return dsn_exim_dlfunc_deny(yield, argc, argv);
}

int dsn_defer(unsigned char **yield, int argc, unsigned char *argv[])
{
    return dsn_exim_dlfunc_defer(yield, argc, argv);
}
