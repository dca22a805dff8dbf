/*
 * report_fields.c - the fields of a delivery-status part (RFC 3464
 * section 2): the per-message block, then one block per recipient, blank
 * lines between them. Real writers leave blank lines out, put
 * Final-Recipient before or after Original-Recipient, and add fields of
 * their own: a block also ends where a recipient field repeats or comes
 * after the block's Action or Status, and unknown fields are skipped.
 */
#include "report_scan.h"

/* How a field's value is kept: as written; split at its type ("dns;
 * mx.example"); split, and the address taken out of '<' '>'; its first
 * word (a comment after it left out). */
enum field_form { AS_IS, TYPED, ADDRESS, WORD };

/* The fields read, RFC 3464 names in lower case (dsn_ascii_ieq() takes
 * the message's in any case); per-message ones (of dsn_report) first,
 * then the recipient's (of dsn_report_recipient). XX(id, name, form,
 * struct, value member, type member (the value's again when untyped),
 * once): once is 1 for the fields a recipient block holds once, whose
 * repetition starts the next block. */
/* clang-format off */
#define DSN_RPT_FIELD_MAP(XX)                                                  \
    XX(REPORTING_MTA, "reporting-mta", TYPED, dsn_report, reporting_mta,       \
       reporting_mta_type, 0)                                                  \
    XX(DSN_GATEWAY, "dsn-gateway", TYPED, dsn_report, dsn_gateway,             \
       dsn_gateway_type, 0)                                                    \
    XX(RECEIVED_FROM_MTA, "received-from-mta", TYPED, dsn_report,              \
       received_from_mta, received_from_mta_type, 0)                           \
    XX(ENVELOPE_ID, "original-envelope-id", AS_IS, dsn_report, envelope_id,    \
       envelope_id, 0)                                                         \
    XX(ARRIVAL_DATE, "arrival-date", AS_IS, dsn_report, arrival_date,          \
       arrival_date, 0)                                                        \
    XX(ORIGINAL_RECIPIENT, "original-recipient", ADDRESS,                      \
       dsn_report_recipient, original_recipient, original_recipient_type, 1)   \
    XX(FINAL_RECIPIENT, "final-recipient", ADDRESS, dsn_report_recipient,      \
       final_recipient, final_recipient_type, 1)                               \
    XX(ACTION, "action", WORD, dsn_report_recipient, action, action, 1)        \
    XX(STATUS, "status", WORD, dsn_report_recipient, status_text,              \
       status_text, 1)                                                         \
    XX(REMOTE_MTA, "remote-mta", TYPED, dsn_report_recipient, remote_mta,      \
       remote_mta_type, 0)                                                     \
    XX(DIAGNOSTIC_CODE, "diagnostic-code", TYPED, dsn_report_recipient,        \
       diagnostic, diagnostic_type, 0)                                         \
    XX(LAST_ATTEMPT_DATE, "last-attempt-date", AS_IS, dsn_report_recipient,    \
       last_attempt_date, last_attempt_date, 0)                                \
    XX(FINAL_LOG_ID, "final-log-id", AS_IS, dsn_report_recipient,              \
       final_log_id, final_log_id, 0)                                          \
    XX(WILL_RETRY_UNTIL, "will-retry-until", AS_IS, dsn_report_recipient,      \
       will_retry_until, will_retry_until, 0)

enum field_id {
    F_UNKNOWN = -1,
#define DSN_RPT_FIELD_ENUM_(id, name, form, st, value, type, once) F_##id,
    DSN_RPT_FIELD_MAP(DSN_RPT_FIELD_ENUM_)
#undef DSN_RPT_FIELD_ENUM_
    F_COUNT
};

static const struct field_info {
    char name[DSN_RPT_WORD_MAX]; /* rows of one size, for dsn_rpt_ieq() */
    unsigned char len;           /* of name */
    unsigned char form; /* enum field_form */
    unsigned char once;
    size_t value, type; /* offsets of dsn_slice members */
} fields[F_COUNT] = {
#define DSN_RPT_FIELD_INFO_(id, nm, form, st, val, typ, once)                  \
    {nm, sizeof nm - 1, form, once, offsetof(st, val), offsetof(st, typ)},
    DSN_RPT_FIELD_MAP(DSN_RPT_FIELD_INFO_)
#undef DSN_RPT_FIELD_INFO_
};
/* clang-format on */

static int field_id(dsn_rpt_span name)
{
    int i;
    for (i = 0; i < F_COUNT; i++)
        if (dsn_rpt_ieq(name, fields[i].name, fields[i].len))
            return i;
    return F_UNKNOWN;
}

static const dsn_slice empty = {NULL, 0};

/* The member of obj (a dsn_report or a dsn_report_recipient) at off. */
static dsn_slice *member(void *obj, size_t off)
{
    return (dsn_slice *)(void *)((char *)obj + off);
}

/* Keeps v in obj, the struct of field id, in the field's form; *kept
 * gets the value kept. Returns 1 when the value or the type kept is not
 * empty. */
static int set_field(void *obj, int id, dsn_rpt_span v, dsn_rpt_span *kept)
{
    const struct field_info *fi = &fields[id];
    dsn_rpt_span value = v, type = v;
    type.to = type.from; /* none */
    switch ((enum field_form)fi->form) {
    case TYPED:
        dsn_rpt_typed(v, &type, &value);
        break;
    case ADDRESS:
        dsn_rpt_typed(v, &type, &value);
        value = dsn_rpt_address(value);
        break;
    case WORD:
        value = dsn_rpt_word(v);
        break;
    case AS_IS:
        break;
    }
    if (fi->type != fi->value) /* a typed field */
        *member(obj, fi->type) = dsn_rpt_slice(type);
    *member(obj, fi->value) = dsn_rpt_slice(value);
    *kept = value;
    return value.to > value.from || type.to > type.from;
}

/* ---- the per-message block ---- */

int dsn_rpt_message_fields(dsn_report *rep, dsn_rpt_arena *a)
{
    const char *s = rep->part_;
    size_t len = rep->part_len_, pos = rep->next_, at = pos;
    int seen = 0, r;
    dsn_rpt_field f;
    while ((r = dsn_rpt_field_next(s, len, &pos, &f)) != DSN_RPT_END) {
        int id;
        dsn_rpt_span v;
        if (r == DSN_RPT_BLANK && seen)
            break;
        if (r != DSN_RPT_FIELD) {
            at = pos;
            continue;
        }
        id = field_id(f.name);
        if (id >= F_ORIGINAL_RECIPIENT) {
            pos = at; /* no blank line before the first recipient */
            break;
        }
        at = pos;
        seen = 1;
        if (id == F_UNKNOWN)
            continue;
        if (dsn_rpt_value(&f, a, &v) != DSN_OK)
            return DSN_ESCRATCH;
        (void)set_field(rep, id, v, &v);
    }
    rep->next_ = pos;
    return DSN_OK;
}

/* ---- a recipient block ---- */

/* The DSN_ACTION_* of the Action's word, or 0 for an unknown one. The
 * word is looked up from a copy, and only when it is no longer than the
 * longest of RFC 3464 2.3.3's five, "delivered". */
static int action_id(dsn_rpt_span word)
{
    char b[DSN_RPT_WORD_MAX] = {0}; /* all set: read up to the length */
    size_t n = dsn_rpt_copy_word(word, b);
    int id = n < sizeof "delivered" ? dsn_action_by_name(b, n) : -1;
    return id < 0 ? 0 : id;
}

/* 1 when field id cannot belong to the block so far, as the block holds
 * it already (kept is the set of fields kept not empty, a bit per id):
 * the writer left the blank line out. Repetition is the only sign taken,
 * since writers order the fields of a block every way (Amazon SES puts
 * Action first, MessageLabs Final-Recipient last). */
static int starts_next_block(unsigned long kept, int id)
{
    return id != F_UNKNOWN && fields[id].once && (kept >> id & 1u);
}

static void clear(dsn_report_recipient *r)
{
    r->final_recipient = r->final_recipient_type = empty;
    r->original_recipient = r->original_recipient_type = empty;
    r->action = r->status_text = empty;
    r->action_id = 0;
    r->status.cls = r->status.subject = r->status.detail = 0;
    r->diagnostic_status = r->status;
    r->remote_mta = r->remote_mta_type = empty;
    r->diagnostic = r->diagnostic_type = empty;
    r->last_attempt_date = r->will_retry_until = r->final_log_id = empty;
    r->flags = 0;
}

/* Reads one block from rep->next_; 1 when it names a recipient. */
static int read_block(dsn_report *rep, dsn_rpt_arena *a,
                      dsn_report_recipient *r)
{
    const char *s = rep->part_;
    size_t len = rep->part_len_, pos = rep->next_;
    int seen = 0, kind;
    unsigned long kept = 0;
    dsn_rpt_field f;
    dsn_rpt_span status, diagnostic;
    status.s = s; /* none yet: empty spans of the part */
    status.from = status.to = 0;
    diagnostic = status;
    clear(r);
    while ((kind = dsn_rpt_field_next(s, len, &pos, &f)) != DSN_RPT_END) {
        int id;
        dsn_rpt_span v;
        if (kind == DSN_RPT_BLANK && seen)
            break;
        if (kind != DSN_RPT_FIELD)
            continue;
        id = field_id(f.name);
        if (starts_next_block(kept, id)) {
            pos = f.start;
            break;
        }
        seen = 1;
        if (id < F_ORIGINAL_RECIPIENT)
            continue;
        if (dsn_rpt_value(&f, a, &v) != DSN_OK)
            return DSN_ESCRATCH;
        if (set_field(r, id, v, &v))
            kept |= 1ul << id;
        if (id == F_ACTION)
            r->action_id = action_id(v);
        else if (id == F_STATUS)
            status = v;
        else if (id == F_DIAGNOSTIC_CODE)
            diagnostic = v;
    }
    rep->next_ = pos;
    if (r->final_recipient.len == 0 && r->original_recipient.len == 0)
        return 0;
    dsn_rpt_statuses(r, status, diagnostic);
    return 1;
}

int dsn_rpt_recipient_fields(dsn_report *rep, dsn_rpt_arena *a,
                             dsn_report_recipient *r)
{
    while (rep->next_ < rep->part_len_) {
        int got;
        a->used = rep->scratch_used_;
        got = read_block(rep, a, r);
        if (got != 0)
            return got;
    }
    return 0;
}
