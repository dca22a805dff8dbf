/*
 * report_scan.h - what the files of the DSN reader (src/report_*.c) share:
 * the header field scanner, the scratch arena, value helpers, the MIME
 * walker and the decoders. Not installed; not part of the API. Every
 * function takes a buffer and its length and reads only below the length;
 * positions are indices into that buffer, and a piece of it is a span
 * (the buffer's start and two indices), never a pointer into its middle:
 * each read is then an index checked against a length of that buffer, as
 * a reader (and Frama-C's EVA, tests/proof/report_read.c) can follow.
 */
#ifndef DSN_REPORT_SCAN_H
#define DSN_REPORT_SCAN_H

#include <stddef.h>

#include "dsn/delivery.h" /* dsn_action_by_name() */
#include "dsn/parse.h"    /* dsn_parse_status() */
#include "dsn/report.h"

#include "ascii_case.h"
#include "text_class.h"

/* s[from..to): s is the start of the buffer (the message, or the
 * scratch), from <= to <= its length. */
typedef struct dsn_rpt_span {
    const char *s;
    size_t from, to;
} dsn_rpt_span;

/* RFC 5234 WSP, a space or an HT (text_class.h's rule), for a byte of
 * the message. */
static inline int dsn_rpt_is_wsp(char c)
{
    return dsn_is_wsp((unsigned char)c);
}

/* Where a scan of s[..n) stopped: i, or n when it ran to the end. A loop
 * "while (i < n && ...) i++" stops at n at most; said at its end, since
 * Frama-C's EVA widens the index of a loop past it. */
static inline size_t dsn_rpt_stop(size_t i, size_t n)
{
    return i < n ? i : n;
}

/* The span as the API gives it: a dsn_slice (NULL when empty). */
dsn_slice dsn_rpt_slice(dsn_rpt_span v);

/* The longest name or word the reader compares ("message/global-delivery-
 * status", 30 bytes), plus its NUL: the size of the tables' rows and of
 * the copies dsn_rpt_copy_word() makes. */
#define DSN_RPT_WORD_MAX 32

/* 1 when the span holds the lower-case word w of wlen bytes, in any case
 * (dsn_ascii_ieq()'s rule). The lengths first, as most names a reader
 * meets are none of those it looks for; the span's start is then taken
 * from its end (v.to - wlen, that is v.from), so that each byte read is
 * evidently below v.to. DSN_RPT_IS(v, "literal") gives the length. */
static inline int dsn_rpt_ieq(dsn_rpt_span v, const char *w, size_t wlen)
{
    return v.to >= v.from && v.to - v.from == wlen && v.to >= wlen &&
           dsn_ascii_ieq(v.s + (v.to - wlen), wlen, w);
}
#define DSN_RPT_IS(v, lit) dsn_rpt_ieq((v), (lit), sizeof(lit) - 1)

/* Copies the span into b[0..DSN_RPT_WORD_MAX) and returns its length, or
 * returns DSN_RPT_WORD_MAX (b then holds its first bytes) when it is
 * longer: a word no table holds. */
size_t dsn_rpt_copy_word(dsn_rpt_span v, char *b);

/* ---- lines and header fields (report_header.c; RFC 5322 2.2) ---- */

/* Index of the end of the line at pos (its CR LF or LF excluded) in
 * s[0..len); *next gets the index after its line end. */
size_t dsn_rpt_line(const char *s, size_t len, size_t pos, size_t *next);

/* What dsn_rpt_field_next() found. */
enum {
    DSN_RPT_END = 0,   /* pos was at len */
    DSN_RPT_FIELD = 1, /* a field: *f filled */
    DSN_RPT_BLANK = 2, /* an empty line, or one of spaces and tabs */
    DSN_RPT_JUNK = 3,  /* a line that is no field, with its continuations */
    DSN_RPT_DASHES = 4 /* a line that starts with "--", maybe a delimiter */
};

/* One header field: its name, and its value from after the ':' to the end
 * of its last line (line end excluded), folds included. */
typedef struct dsn_rpt_field {
    size_t start; /* index of its first line */
    dsn_rpt_span name;
    dsn_rpt_span value;
    int folded; /* the value spans more than one line */
} dsn_rpt_field;

/* Reads the line (and its continuation lines) at *pos, moves *pos past
 * them, and says what they were. */
int dsn_rpt_field_next(const char *s, size_t len, size_t *pos,
                       dsn_rpt_field *f);

/* ---- field values (report_value.c) ---- */

/* The part of a caller's scratch buffer that unfolded values and decoded
 * parts take, front to back. */
typedef struct dsn_rpt_arena {
    char *buf;
    size_t size;
    size_t used;
} dsn_rpt_arena;

/* f's value unfolded (RFC 5322 2.2.3) and without spaces around it: a
 * span of the field when it was not folded, else a copy in the arena.
 * DSN_OK or DSN_ESCRATCH. */
int dsn_rpt_value(const dsn_rpt_field *f, dsn_rpt_arena *a, dsn_rpt_span *out);

/* "type; value" (RFC 3464 2.1.2 address-type, mta-name-type,
 * diagnostic-type): the type when the text before the first ';' is one
 * word, and the rest, both trimmed; else an empty type and v. */
void dsn_rpt_typed(dsn_rpt_span v, dsn_rpt_span *type, dsn_rpt_span *value);

/* v without one '<' '>' pair around it (and the spaces inside). */
dsn_rpt_span dsn_rpt_address(dsn_rpt_span v);

/* The first word of v: up to a space, a tab or a comment's '('. */
dsn_rpt_span dsn_rpt_word(dsn_rpt_span v);

/* The "<id>" of a Message-ID value, or its first word. */
dsn_rpt_span dsn_rpt_msg_id(dsn_rpt_span raw);

/* ---- MIME (report_mime.c, report_walk.c; RFC 2045, RFC 2046) ---- */

/* The MIME header fields of one entity that the reader uses. */
typedef struct dsn_rpt_part {
    dsn_rpt_span type;       /* "multipart/report", without parameters */
    dsn_rpt_span boundary;   /* the boundary parameter, unquoted */
    dsn_rpt_span encoding;   /* Content-Transfer-Encoding, trimmed */
    dsn_rpt_span message_id; /* the raw Message-ID value (dsn_rpt_msg_id) */
} dsn_rpt_part;

/* Reads the header block at pos of s[0..len), up to its blank line, the
 * end, or a line
 * that starts with "--" (a delimiter where a writer left the blank line
 * out); returns the index where the entity's body starts (that line's,
 * for the last). */
size_t dsn_rpt_part_headers(const char *s, size_t len, size_t pos,
                            dsn_rpt_part *p);

/* Kinds of entity, by media type. */
enum {
    DSN_RPT_OTHER = 0,
    DSN_RPT_MULTIPART,
    DSN_RPT_STATUS,        /* message/delivery-status */
    DSN_RPT_GLOBAL_STATUS, /* message/global-delivery-status */
    DSN_RPT_ORIGINAL       /* message/rfc822, text/rfc822-headers, ... */
};
int dsn_rpt_kind(dsn_rpt_span type);

/* What the walk found: indices into the message. */
typedef struct dsn_rpt_found {
    int status_kind; /* DSN_RPT_STATUS or _GLOBAL_STATUS; 0: none */
    int in_report;   /* its multipart is multipart/report */
    size_t status_start, status_end;
    dsn_rpt_span status_encoding;
    int have_original;
    size_t original_start, original_end;
    dsn_rpt_span original_encoding;
    int limit; /* DSN_EMIMEDEPTH or DSN_EMIMEPARTS when one was hit */
} dsn_rpt_found;

/* Walks msg[0..len)'s MIME tree; fills *f. */
void dsn_rpt_walk(const char *msg, size_t len, dsn_rpt_found *f);

/* ---- Content-Transfer-Encoding (report_decode.c; RFC 2045 6) ---- */

/* Decodes s[from..to) in encoding enc: *out is the decoded bytes, in the
 * arena (returns 1), or s[from..to) itself for 7bit, 8bit, binary, no
 * encoding and an empty part (returns 0); else DSN_EENCODING or
 * DSN_ESCRATCH (*out is then s[from..to)). */
int dsn_rpt_decode(const char *s, size_t from, size_t to, dsn_rpt_span enc,
                   dsn_rpt_arena *a, dsn_rpt_span *out);

/* ---- delivery-status fields (report_fields.c; RFC 3464 2.2, 2.3) ---- */

/* The part is rep->part_[rep->next_..rep->part_len_), part_ the start of
 * the message or of the scratch. Reads its per-message block into rep;
 * rep->next_ gets the index of the first recipient block. DSN_OK or
 * DSN_ESCRATCH. */
int dsn_rpt_message_fields(dsn_report *rep, dsn_rpt_arena *a);

/* Reads the next recipient block; 1, 0 at the end, or DSN_ESCRATCH. */
int dsn_rpt_recipient_fields(dsn_report *rep, dsn_rpt_arena *a,
                             dsn_report_recipient *r);

/* ---- the status that matters (report_status.c) ---- */

/* Sets r->status from the Status word and r->diagnostic_status from the
 * Diagnostic-Code's value (the spans r->status_text and r->diagnostic
 * were made from), with their flags. */
void dsn_rpt_statuses(dsn_report_recipient *r, dsn_rpt_span status,
                      dsn_rpt_span diagnostic);

#endif /* DSN_REPORT_SCAN_H */
