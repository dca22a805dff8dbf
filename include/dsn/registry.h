/*
 * NAME
 *      dsn/registry.h - the IANA registry of enhanced status codes, and
 *      dsn_table.def's functions by name
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      const dsn_status_info *i = dsn_describe(7, 26);
 *      // i->text "Multiple authentication checks failed", i->reference
 *      // "RFC7372", dsn_status_associated(i, 550) == 1
 *      dsn_class_name(5);          // "Permanent Failure"
 *      dsn_subject_name(1);        // "Addressing Status"
 *
 *      dsn_reply r;
 *      int id = dsn_by_name("mbox_full", 9, NULL, 0, &r);  // DSN_ID_mbox_full
 *      if (id < 0) ... dsn_strerror(id) ...                // DSN_ENOTFOUND
 *      dsn_name(DSN_ID_no_such_user);                      // "no_such_user"
 *
 * DESCRIPTION
 *   The registry
 *      iana_registry.def holds the IANA "SMTP Enhanced Status Codes"
 *      registry (RFC 5248): the three classes, the eight subjects and the
 *      81 enumerated codes X.0.0 to X.7.30, X.6.10 (deprecated) included.
 *      dsn_registry[] is that table in registry order; DSN_REG_7_26 and
 *      the like are its indexes, DSN_REGISTRY_COUNT its length. Enumerated
 *      codes do not depend on the class: X.1.1 is one row for 4.1.1 and
 *      5.1.1 alike.
 *
 *   dsn_describe(subject, detail)
 *      The registry row of X.subject.detail, or NULL when the registry has
 *      none (5.1.11, 5.8.0, negative or out of range numbers). One switch
 *      generated from iana_registry.def: no search. X.6.10 is found, with
 *      DSN_STATUS_DEPRECATED in its flags and an empty text.
 *
 *   dsn_class_name(cls)
 *      The registry's summary of class cls: "Success" (2), "Persistent
 *      Transient Failure" (4), "Permanent Failure" (5); NULL for any other
 *      value.
 *
 *   dsn_subject_name(subject)
 *      The registry's summary of subject: "Other or Undefined Status" (0),
 *      "Addressing Status" (1), ... "Security or Policy Status" (7); NULL
 *      for any other value.
 *
 *   dsn_status_associated(info, code)
 *      1 when the registry associates the basic reply code with info's
 *      status code, 0 otherwise (info NULL included). A listed code
 *      matches itself; DSN_BASIC_ANY (the registry's "Any", X.0.0 only)
 *      matches every code 200..599 but 3xx, which never carries an
 *      enhanced code (RFC 2034); DSN_BASIC_CLASS(5) ("5XX") matches
 *      500..599. A row with no associated code matches nothing: the
 *      registry does not say, it does not forbid.
 *
 *   dsn_status_basic_text(info, buf, size)
 *      Writes the associated basic codes as the registry prints them:
 *      "451,550", "Any", "5XX", or "" when there are none. snprintf
 *      contract: returns the full length, writes at most size bytes with
 *      the NUL; NULL buf with size 0 measures. info NULL gives "".
 *
 *   Lookup by name
 *   dsn_by_name(name, len, msg, code, out)
 *      Finds the dsn_table.def row (DSN_ROW or DSN_VARIANT) whose name is
 *      exactly name[0..len): byte for byte, case-sensitive, without the
 *      "dsn_" of the function name ("mbox_full", not "dsn_mbox_full" or
 *      "MBOX_FULL"). name need not be NUL-terminated and is never read at
 *      or past name[len]; a NUL inside the span simply matches nothing.
 *      Returns the row's dsn_id (>= 0) and, when out is not NULL, sets *out
 *      to dsn_from_id(id, msg, code): the reply with haraka-dsn's defaults
 *      (msg NULL or "" and an invalid code take the row's). Returns
 *      DSN_ENOTFOUND when no row has that name (len 0 included), or
 *      DSN_EINVAL for name NULL with len > 0; *out is then left untouched.
 *      A binary search over an index of the names sorted at build time
 *      (see src/by_name.c): O(log n) comparisons, no allocation.
 *
 *   dsn_name(id)
 *      The name of row id ("no_such_user"), or NULL when id is out of
 *      range. The same as dsn_entry_of(id)->name.
 *
 *      Every row, variants included, in table order:
 *          for (int id = 0; id < DSN_ID_COUNT; id++)
 *              printf("%s\n", dsn_name(id));
 *      or with dsn_entries[] / dsn_entry_of(id) for the whole row.
 *
 * ERRORS
 *      DSN_ENOTFOUND   dsn_by_name(): no row of that name.
 *      DSN_EINVAL      dsn_by_name(): name NULL with len > 0.
 *
 * THREADS
 *      Const tables, no state, no allocation: every function is reentrant.
 */
#ifndef DSN_REGISTRY_H
#define DSN_REGISTRY_H

#include <stddef.h>

#include "base.h"  /* DSN_API, the DSN_E* errors */
#include "reply.h" /* dsn_reply, dsn_from_id() */

#ifdef __cplusplus
extern "C" {
#endif

/* dsn_status_info.basic[] values besides plain reply codes. */
#define DSN_BASIC_ANY 0            /* the registry's "Any" */
#define DSN_BASIC_CLASS(cls) (cls) /* "5XX": any code of class cls (2..5) */

/* dsn_status_info.flags */
#define DSN_STATUS_DEPRECATED 0x1u /* the registry deprecates it (X.6.10) */

/* One enumerated code of the registry, X.subject.detail. */
typedef struct dsn_status_info {
    const char *text;      /* sample text, exactly; "" for X.6.10 */
    const char *reference; /* "RFC3463", "RFC7372; RFC6376", a draft name */
    const char *submitter; /* "G. Vaudreuil"; "" when the registry has none */
    unsigned short text_len;
    short subject;
    short detail;
    /* basic[0 .. basic_count): the associated basic codes in registry
     * order: reply codes, or DSN_BASIC_ANY / DSN_BASIC_CLASS(c) (then the
     * only entry); basic_count 0 when the registry lists none */
    const short *basic;
    unsigned char basic_count;
    unsigned char flags; /* DSN_STATUS_* */
} dsn_status_info;

/* DSN_REG_0_0, DSN_REG_1_0, ... DSN_REG_7_30: indexes into dsn_registry. */
enum dsn_registry_index {
#define DSN_IANA_CODE(subject, detail, text, basic, reference, submitter,      \
                      flags)                                                   \
    DSN_REG_##subject##_##detail,
#include "iana_registry.def"
    DSN_REGISTRY_COUNT
};

/* Every enumerated code, in registry order. */
extern DSN_API const dsn_status_info dsn_registry[DSN_REGISTRY_COUNT];

/* The registry row of X.subject.detail, or NULL. */
DSN_API const dsn_status_info *dsn_describe(int subject, int detail);
/* "Success", "Persistent Transient Failure", "Permanent Failure", or NULL. */
DSN_API const char *dsn_class_name(int cls);
/* "Other or Undefined Status" ... "Security or Policy Status", or NULL. */
DSN_API const char *dsn_subject_name(int subject);
/* 1 when the registry associates reply code `code` with info's code. */
DSN_API int dsn_status_associated(const dsn_status_info *info, int code);
/* "451,550", "Any", "5XX" or ""; snprintf contract. */
DSN_API size_t dsn_status_basic_text(const dsn_status_info *info, char *buf,
                                     size_t size);

/* The dsn_id of the row named name[0..len), or DSN_ENOTFOUND / DSN_EINVAL;
 * out (may be NULL) gets its reply with msg and code. */
DSN_API int dsn_by_name(const char *name, size_t len, const char *msg, int code,
                        dsn_reply *out);
/* "no_such_user" for DSN_ID_no_such_user; NULL out of range. */
DSN_API const char *dsn_name(int id);

#ifdef __cplusplus
}
#endif

#endif /* DSN_REGISTRY_H */
