/*
 * NAME
 *      dsn/exim.h - libdsn replies as Exim ACL messages and local_scan text
 *
 * SYNOPSIS
 *      #include <dsn/exim.h>
 *
 *      dsn_reply r = dsn_no_such_user("first\nsecond", 0);
 *      char buf[DSN_EXIM_BUF_SIZE];
 *      dsn_exim_acl_message(&r, DSN_EXIM_DENY, buf, sizeof buf);
 *              // "550 5.1.1 first\nsecond"
 *      dsn_exim_local_scan_text(&r, buf, sizeof buf);
 *              // "5.1.1 first\n5.1.1 second", and return
 *              // dsn_exim_local_scan_code(&r) == 451 ?
 *              //     LOCAL_SCAN_TEMPREJECT : LOCAL_SCAN_REJECT
 *
 * DESCRIPTION
 *      Exim builds the SMTP reply itself from a text its configuration or a
 *      plugin gives; each of its two interfaces wants the text in its own
 *      shape (measured on Debian 12's Exim 4.96, exim4-daemon-heavy):
 *
 *      ACL "message =" (deny, defer, ...; filled for example by the
 *      dlfunc of contrib/exim). Exim takes a leading "550 5.1.1 " as the
 *      reply's code and enhanced code, and writes them in front of every
 *      line of the text ('\n' separates lines): so they must be written
 *      once. A code whose first digit does not fit the verb (deny: 5,
 *      defer: 4) is dropped, enhanced code included, and Exim's default
 *      reply code sent instead; so the verb is passed, and a reply of the
 *      other class is moved to the verb's: 450 4.2.2 under deny becomes
 *      550 5.2.2, 550 5.1.1 under defer 450 4.1.1 (last two digits kept).
 *      Exim skips leading white space of every line after the first.
 *
 *      local_scan() return_text (Debian's local_scan_path loads it from a
 *      shared object). Exim sends 550 for LOCAL_SCAN_REJECT and 451 for
 *      LOCAL_SCAN_TEMPREJECT whatever the text says, and adds no enhanced
 *      code: every line carries its own ("5.7.1 first\n5.7.1 second").
 *      How the code is chosen: the reply's class picks the return value,
 *      dsn_exim_local_scan_code() gives 550 for a 5yz reply and 451 for a
 *      4yz one; the enhanced code keeps its class, subject and detail; the
 *      reply code's last two digits cannot reach the client.
 *
 *      Both texts are wrapped as dsn_format() wraps (RFC 5321 4.5.3.1.5):
 *      with the "550-5.1.1 " Exim adds, no wire line exceeds 512 octets.
 *      Control characters are removed as dsn_format() removes them. Bytes
 *      >= 0x80 are written as dsn_format() writes them: well-formed UTF-8
 *      as is, any other as '?'; with DSN_FMT_ASCII in the reply's flags
 *      every byte >= 0x80 is a '?', for a client that did not use SMTPUTF8
 *      (RFC 6531 3.7.4.2). The reply's other flags are ignored: both texts
 *      carry the enhanced code even with DSN_FMT_NO_ENHANCED.
 *
 *      int dsn_exim_acl_message(const dsn_reply *r, int verb, char *buf,
 *                               size_t size);
 *              verb is DSN_EXIM_DENY (5), DSN_EXIM_DEFER (4), or
 *              DSN_EXIM_ANY (0: the reply's own class, any of 2, 4, 5, for
 *              "accept message =" and the like).
 *
 *      int dsn_exim_local_scan_text(const dsn_reply *r, char *buf,
 *                                   size_t size);
 *      int dsn_exim_local_scan_code(const dsn_reply *r);
 *              550 or 451, or a negative dsn_error.
 *
 *      The writers follow snprintf(3): they return the length of the whole
 *      text (NUL excluded), write at most size bytes including the
 *      terminating NUL, and (NULL, 0) measures. The local_scan text is at
 *      most DSN_EXIM_TEXT_MAX octets, the ACL message 4 more ("550 "):
 *      DSN_EXIM_BUF_SIZE bytes hold either with its NUL. NULL buf with a
 *      non-zero size is taken as size 0. On error they leave "" and return
 *      a negative dsn_error.
 *
 * ERRORS
 *      DSN_EINVAL          r is NULL, or verb is not one of the three.
 *      DSN_EBADCODE, DSN_EBADSTATUS, DSN_EBADCLASS
 *                          r fails dsn_reply_check(r, 0).
 *      DSN_EREJECTCODE    a 2yz reply with DSN_EXIM_DENY or _DEFER, a 3yz
 *                          (354) with any verb, and any reply to
 *                          local_scan that is not 4yz or 5yz.
 *      DSN_ETOOLONG        the local_scan text of r would exceed
 *                          DSN_EXIM_TEXT_MAX octets.
 *
 * SEE ALSO
 *      contrib/exim (dsn_exim.so: the dlfunc and dsn_exim_local_scan()),
 *      Exim's specification, chapters "Access control lists" and "Adding a
 *      local scan function to Exim".
 */
#ifndef DSN_EXIM_H
#define DSN_EXIM_H

#include <stddef.h>

#include "base.h"  /* DSN_API, DSN_LINE_MAX, the DSN_E* errors */
#include "reply.h" /* dsn_reply */

#ifdef __cplusplus
extern "C" {
#endif

/* Octets of local_scan text (the enhanced code on every line) at most, NUL
 * excluded: about eight full wire lines. A longer reply is an error for
 * both writers, not a cut. */
#define DSN_EXIM_TEXT_MAX ((size_t)8 * DSN_LINE_MAX)
/* Holds either writer's output and its NUL. */
#define DSN_EXIM_BUF_SIZE (DSN_EXIM_TEXT_MAX + 5)

/* The ACL verb a message is for: the first digit Exim expects. */
#define DSN_EXIM_ANY 0
#define DSN_EXIM_DEFER 4
#define DSN_EXIM_DENY 5

DSN_API int dsn_exim_acl_message(const dsn_reply *r, int verb, char *buf,
                                 size_t size);
DSN_API int dsn_exim_local_scan_text(const dsn_reply *r, char *buf,
                                     size_t size);
DSN_API int dsn_exim_local_scan_code(const dsn_reply *r);

#ifdef __cplusplus
}
#endif

#endif /* DSN_EXIM_H */
