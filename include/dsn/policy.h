/*
 * NAME
 *      dsn/policy.h - libdsn replies for Postfix's SMTP access policy
 *      delegation (check_policy_service)
 *
 * SYNOPSIS
 *      #include <dsn.h>
 *
 *      dsn_policy_request q;
 *      int n = dsn_policy_parse(buf, len, &q);    // bytes of one request
 *
 *      dsn_reply r = dsn_no_such_user(NULL, 0);
 *      char out[DSN_POLICY_ACTION_MAX];
 *      int m = dsn_policy_action(&r, out, sizeof out);
 *      // "action=550 5.1.1 No such user\n\n"
 *
 * DESCRIPTION
 *      Postfix's smtpd(8) asks a policy server (SMTPD_POLICY_README) with
 *      a request of "name=value" lines ended by an empty line, and takes
 *      one "action=..." line and an empty line back. A number and text in
 *      the action (access(5): "4NN text", "5NN text") reject the command.
 *
 *      dsn_policy_action() writes the response for a rejecting libdsn
 *      reply, "action=<code> <cls>.<subject>.<detail> <text>\n\n", and
 *      keeps to what Debian's Postfix 3.7.11 does with it (measured:
 *      tests/e2e/postfix/policy.sh):
 *
 *      - "action=550" without text is taken as OK (a permit): the text is
 *        never empty. When no line of the reply's text is left it is the
 *        reply's fallback, then the default text of the table row of the
 *        reply's enhanced code, then that of X.0.0.
 *      - The action is one line. The lines of a multi-line reply are
 *        joined into one, separated by one space, in order (as Postfix
 *        itself joins the lines of a remote reply in its logs and
 *        bounces); the enhanced code is written once, in front.
 *      - The enhanced code is always written, DSN_FMT_NO_ENHANCED or not,
 *        the reply's own (X.0.0 for a dsn_basic() reply), as the OpenSMTPD
 *        and Exim writers write it: Postfix sends one on the wire anyway
 *        (its own 5.7.1 or 4.7.1 when the action has none), and a text
 *        that began with one would be taken for it.
 *      - Postfix makes the line "<code> <status> <address>: Recipient
 *        address rejected: <text>", forces the enhanced class to the
 *        code's first digit, and maps X.1.Y codes by what it rejects (a
 *        sender rejected with 5.1.1 goes out as 5.1.7, a recipient keeps
 *        5.1.1): the writer leaves the code as the reply has it.
 *      - Postfix turns control characters into spaces and, with
 *        smtputf8_enable, fails the whole request (451 4.3.5) on invalid
 *        UTF-8. The writer drops control characters (as dsn_format does)
 *        and writes '?' for each byte that does not belong to a valid
 *        UTF-8 character (RFC 3629: no overlong form, no surrogate, none
 *        above U+10FFFF), so the text is printable, valid UTF-8. With
 *        DSN_FMT_ASCII in the reply's flags every byte >= 0x80 is a '?':
 *        7-bit text for a Postfix whose smtputf8_enable is off.
 *      - Postfix enforces no length. The writer keeps the text within
 *        DSN_LINE_MAX - 2 - DSN_POLICY_PREFIX_MAX - (the length of
 *        "550 5.1.1 ") octets, 214 for a "550 5.1.1" reply, so that the
 *        line Postfix builds for any RFC 5321 address (a path of at most
 *        256 octets, brackets included, 4.5.3.1.3) still fits the
 *        512-octet reply line (4.5.3.1.5). A longer text is cut at the last
 *        space that leaves room for "...", or at a character boundary when
 *        no space does, and "..." is written where the rest was: the cut
 *        is visible, never silent. (The prefixes of client, HELO and ETRN
 *        restrictions hold a host name and may be longer: a policy server
 *        there should send shorter texts.)
 *
 *      dsn_policy_parse() reads one request from buf[0..len): "name=value"
 *      lines ended by LF, the request by an empty line. It takes the
 *      attributes Postfix sends (SMTPD_POLICY_README "Protocol
 *      description") into the fields of dsn_policy_request, as slices of
 *      buf (not NUL-terminated; an attribute not sent is {NULL, 0}), and
 *      ignores names it does not know, as that README asks of servers:
 *      each Postfix version adds some.
 *
 * RETURN VALUES
 *      dsn_policy_action() follows snprintf(3): it returns the length of
 *      the whole response in octets (without the NUL; at most
 *      DSN_POLICY_ACTION_MAX - 1), writes at most size octets including
 *      the terminating NUL, and (NULL, 0) measures. On error it writes ""
 *      (when size > 0) and returns a negative error:
 *      what dsn_reply_check(r, 0) returns for a reply it rejects (NULL
 *      included), or DSN_EREJECTCODE for a code that is not 4xx or 5xx:
 *      a 2xx action does not exist, Postfix would not reject.
 *
 *      dsn_policy_parse() returns the octets the request took, empty line
 *      included, with q filled; DSN_EINCOMPLETE when buf holds no empty
 *      line yet (read more and call again with the whole request); or an
 *      error, q then unspecified:
 *      DSN_EPOLICYSYNTAX   a line without '=' or with an empty name;
 *      DSN_EPOLICYCTRL     a control character (TAB allowed) or a CR in
 *                          a line: Postfix sends none;
 *      DSN_EPOLICYDUP      an attribute this parser knows given twice;
 *      DSN_EPOLICYSIZE     no end of request within
 *                          DSN_POLICY_REQUEST_MAX octets (the caller
 *                          should close the connection);
 *      DSN_EINVAL          buf or q NULL.
 *
 * STANDARDS
 *      Postfix SMTPD_POLICY_README and access(5) (no RFC defines the
 *      protocol); RFC 5321 4.5.3.1 for the limits; RFC 3629 for UTF-8.
 *
 * THREADS
 *      No global mutable state, no allocation: both are reentrant.
 */
#ifndef DSN_POLICY_H
#define DSN_POLICY_H

#include <stddef.h>

#include "base.h"  /* DSN_API, DSN_LINE_MAX, dsn_slice, the errors */
#include "reply.h" /* dsn_reply */

#ifdef __cplusplus
extern "C" {
#endif

/* The longest prefix Postfix puts before the text of a recipient or
 * sender rejection: "<" + 254 octets of path + ">" (RFC 5321 4.5.3.1.3)
 * and ": Recipient address rejected: " (30 octets). */
#define DSN_POLICY_PREFIX_MAX 286
/* Room for any response dsn_policy_action() writes, NUL included:
 * "action=" (7), "559 5.999.999 " (14), the text (at most
 * DSN_LINE_MAX - 2 - DSN_POLICY_PREFIX_MAX - 10 = 214 octets), "\n\n",
 * NUL. */
#define DSN_POLICY_ACTION_MAX 256
/* The longest request dsn_policy_parse() waits for, in octets. */
#define DSN_POLICY_REQUEST_MAX 16384

/* The attributes dsn_policy_parse() knows, one per field of
 * dsn_policy_request (SMTPD_POLICY_README, Postfix 3.7). */
/* clang-format off */
#define DSN_POLICY_ATTR_MAP(XX)                                                \
    XX(request)                                                                \
    XX(protocol_state)                                                         \
    XX(protocol_name)                                                          \
    XX(helo_name)                                                              \
    XX(queue_id)                                                               \
    XX(sender)                                                                 \
    XX(recipient)                                                              \
    XX(recipient_count)                                                        \
    XX(client_address)                                                         \
    XX(client_name)                                                            \
    XX(reverse_client_name)                                                    \
    XX(instance)                                                               \
    XX(sasl_method)                                                            \
    XX(sasl_username)                                                          \
    XX(sasl_sender)                                                            \
    XX(size)                                                                   \
    XX(etrn_domain)                                                            \
    XX(stress)                                                                 \
    XX(client_port)                                                            \
    XX(server_address)                                                         \
    XX(server_port)                                                            \
    XX(policy_context)                                                         \
    XX(encryption_protocol)                                                    \
    XX(encryption_cipher)                                                      \
    XX(encryption_keysize)                                                     \
    XX(ccert_subject)                                                          \
    XX(ccert_issuer)                                                           \
    XX(ccert_fingerprint)                                                      \
    XX(ccert_pubkey_fingerprint)                                               \
    XX(compatibility_level)                                                    \
    XX(mail_version)
/* clang-format on */

/* One request: each field a slice of the caller's buffer. */
typedef struct dsn_policy_request {
#define DSN_POLICY_FIELD_(name) dsn_slice name;
    DSN_POLICY_ATTR_MAP(DSN_POLICY_FIELD_)
#undef DSN_POLICY_FIELD_
    size_t attributes; /* lines read, unknown names included */
} dsn_policy_request;

/* The response for r into buf[0..size): see RETURN VALUES. */
DSN_API int dsn_policy_action(const dsn_reply *r, char *buf, size_t size);

/* One request from buf[0..len) into *q: see RETURN VALUES. */
DSN_API int dsn_policy_parse(const char *buf, size_t len,
                             dsn_policy_request *q);

#ifdef __cplusplus
}
#endif

#endif /* DSN_POLICY_H */
