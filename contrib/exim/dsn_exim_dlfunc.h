/*
 * dsn_exim_dlfunc.h - between dsn_exim_dlfunc.c, which does the work, and
 * dsn_exim_entry.c, which exports it under the names the ACL lines use.
 * dsn_reply is also libdsn's reply type: a translation unit that includes
 * dsn.h cannot define a function of that name, so this header includes
 * nothing of libdsn.
 */
#ifndef DSN_EXIM_DLFUNC_H
#define DSN_EXIM_DLFUNC_H

/* exim_dlfunc_t: uschar is unsigned char */
int dsn_exim_dlfunc_any(unsigned char **yield, int argc, unsigned char *argv[]);
int dsn_exim_dlfunc_deny(unsigned char **yield, int argc,
                         unsigned char *argv[]);
int dsn_exim_dlfunc_defer(unsigned char **yield, int argc,
                          unsigned char *argv[]);

#endif /* DSN_EXIM_DLFUNC_H */
