/*
 * NAME
 *      dsn_exim.h - libdsn replies from Exim: the dlfunc dsn_exim.so and
 *      dsn_exim_local_scan()
 *
 * SYNOPSIS
 *      In Exim's configuration (an ACL):
 *
 *      deny  local_parts = ghost
 *            message = ${dlfunc{/usr/local/lib/dsn_exim.so}{dsn_deny}{no_such_user}}
 *      deny  local_parts = multi
 *            message = ${dlfunc{DSN_SO}{dsn_deny}{sec_unauthorized}\
 *                        {Relaying denied\nSee the policy\nAsk postmaster}}
 *      defer local_parts = full
 *            message = ${dlfunc{DSN_SO}{dsn_defer}{mbox_full}{}{452}}
 *
 *      In a local_scan() shared object (Debian: local_scan_path):
 *
 *      #define LOCAL_SCAN
 *      #include <local_scan.h>
 *      #include "dsn_exim.h"
 *
 *      int local_scan(int fd, uschar **return_text)
 *      {
 *          dsn_reply r = dsn_sec_unauthorized("Not from here\nSee policy", 0);
 *          return dsn_exim_local_scan(&r, return_text);
 *      }
 *
 * DESCRIPTION
 *      dsn_exim.so holds three functions for Exim's ${dlfunc} expansion
 *      item (exim4-daemon-heavy: Debian's light daemon lacks dlfunc), each
 *      taking {NAME}, an optional {MESSAGE} and an optional {CODE}: the
 *      libdsn function dsn_NAME (see `dsn list`), its text ('\n' starts a
 *      line; Exim's expansion turns the two characters \n into one), and
 *      its reply code, with haraka-dsn's rules (an empty MESSAGE or an
 *      invalid CODE means the row's default). They expand to the text of
 *      the ACL's "message =", built by dsn_exim_acl_message()
 *      (dsn/exim.h): "550 5.1.1 first\nsecond", the code and the enhanced
 *      code once, which Exim writes in front of every line it sends.
 *
 *          dsn_deny    for deny, drop and the like: the reply's class is
 *                      moved to 5 if it is 4 (552 5.2.2 for mbox_full),
 *                      because Exim drops a code whose first digit does not
 *                      fit the verb, and with it the enhanced code.
 *          dsn_defer   for defer: the class is moved to 4.
 *          dsn_reply   the reply's own class, for a verb that takes any
 *                      (accept, warn); a 5yz text under defer would lose
 *                      its code.
 *
 *      An unknown NAME, more than three arguments, or a reply the ACL
 *      cannot carry (a 2yz for deny or defer, a text past
 *      DSN_EXIM_TEXT_MAX) make the expansion fail with a message naming
 *      the cause; Exim then logs it and answers with its own temporary
 *      error.
 *
 *      dsn_exim_local_scan(r, return_text) is for a local_scan() function:
 *      it sets *return_text to the text Exim needs there, the enhanced code
 *      on every line ("5.7.1 first\n5.7.1 second", from
 *      dsn_exim_local_scan_text()), in Exim's memory, and returns the value
 *      for local_scan() to return: LOCAL_SCAN_REJECT for a 5yz reply, which
 *      Exim sends with code 550, LOCAL_SCAN_TEMPREJECT for a 4yz one, sent
 *      with 451. The code itself is fixed by Exim: the last two digits of
 *      r's code cannot reach the client. A reply that cannot be written
 *      (not 4yz or 5yz, too long, or invalid) is logged to the main log and
 *      gives LOCAL_SCAN_TEMPREJECT with return_text NULL: Exim's own "451
 *      Temporary local problem".
 *
 *      Link a local_scan object with dsn_exim_ls and libdsn built as
 *      position-independent code (CMake: dsn::exim_local_scan).
 */
#ifndef DSN_EXIM_CONTRIB_H
#define DSN_EXIM_CONTRIB_H

#include "dsn.h"
#include "dsn/exim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a module exports to Exim when it is built with hidden visibility. */
#if defined(__GNUC__) || defined(__clang__)
#define DSN_EXIM_EXPORT __attribute__((visibility("default")))
#else
#define DSN_EXIM_EXPORT
#endif

/* uschar **: Exim's unsigned char strings */
int dsn_exim_local_scan(const dsn_reply *r, unsigned char **return_text);

#ifdef __cplusplus
}
#endif

#endif /* DSN_EXIM_CONTRIB_H */
