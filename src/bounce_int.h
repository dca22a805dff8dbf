/*
 * bounce_int.h - what the files of the bounce writer share: the plan
 * (every decision taken before the first octet is written) and the small
 * rules on values.
 */
#ifndef DSN_BOUNCE_INT_H
#define DSN_BOUNCE_INT_H

#include <stddef.h>

#include "dsn/bounce.h"
#include "bounce_out.h"

/* A span of the caller's octets. */
typedef struct bw_span {
    const char *p;
    size_t len;
} bw_span;

/* What the first pass learns of the parts' octets. */
typedef struct bw_encodings {
    int text_qp;       /* part 1 quoted-printable */
    int text_8bit;     /* part 1 holds UTF-8 */
    int status_8bit;   /* part 2 holds UTF-8 */
    int original_8bit; /* part 3 holds octets >= 0x80 */
} bw_encodings;

typedef struct bw_plan {
    const dsn_bounce *b;
    int international; /* RFC 6533 parts, UTF-8 allowed */
    int worst;         /* DSN_ACTION_* deciding the Subject */
    bw_span msgid;     /* the original's Message-ID, or empty */
    bw_span head;      /* the original's header section (line ends kept) */
    bw_span body;      /* what follows the empty line, or empty */
    int full;          /* part 3 carries the body too */
    int body_as_is;    /* every line of it ends in CRLF: one copy */
    int refused;       /* BW_REFUSED_*: why part 3 has no body */
    bw_encodings enc;
    char boundary[BW_BOUNDARY_LEN + 1];
} bw_plan;

/* Why the body of the original is not returned though RET asked. */
enum { BW_REFUSED_NONE, BW_REFUSED_SIZE, BW_REFUSED_CONTENT };

/* The longest diagnostic a report carries, octets. */
#define BW_DIAG_MAX DSN_BOUNCE_DIAG_MAX

/* What the report says of an outcome: one row per Action. */
typedef struct bw_outcome {
    int action;
    const char *subject; /* the Subject of a report whose worst it is */
    const char *intro;   /* part 1's opening paragraph, likewise */
    const char *says;    /* "<rcpt>: <says>." */
} bw_outcome;

/* The row of action; the rows are in order of precedence. */
const bw_outcome *bw_outcome_of(int action);
/* The diagnostic of r as the report carries it. */
bw_span bw_diagnostic(const dsn_recipient_fields *r);

/* 1 when s holds an octet >= 0x80. */
int bw_has_8bit(const char *s, size_t n);
/* 1 when "<...>" is a msg-id the writer will put in a header. */
int bw_msgid_ok(const char *s, size_t n);
/* The Action dsn_status_fields() writes for r (r checked before). */
int bw_action(const dsn_recipient_fields *r);

/* The passes. */
void bw_plan_original(bw_plan *pl);
int bw_choose_boundary(bw_plan *pl);
int bw_write_message(const bw_plan *pl, bw_out *o);

/* The parts (content only, no part headers). */
void bw_headers(const bw_plan *pl, bw_out *o);
void bw_human(const bw_plan *pl, bw_out *o);
int bw_status(const bw_plan *pl, bw_out *o);
void bw_original(const bw_plan *pl, bw_out *o);

#endif /* DSN_BOUNCE_INT_H */
