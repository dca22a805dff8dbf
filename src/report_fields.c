/*
 * report_fields.c - the fields of a delivery-status part (RFC 3464
 * section 2): the per-message block, then one block per recipient, blank
 * lines between them. Real writers leave blank lines out, put
 * Final-Recipient before or after Original-Recipient, and add fields of
 * their own: a block also ends where a recipient field repeats or comes
 * after the block's Action or Status, and unknown fields are skipped.
 */
#include "report_scan.h"

/* The fields read, RFC 3464 names in lower case (dsn_rpt_ieq() takes
 * the message's in any case); per-message ones first. */
/* clang-format off */
#define DSN_RPT_FIELD_MAP(XX)                                                  \
    XX(REPORTING_MTA, "reporting-mta")                                         \
    XX(DSN_GATEWAY, "dsn-gateway")                                             \
    XX(RECEIVED_FROM_MTA, "received-from-mta")                                 \
    XX(ENVELOPE_ID, "original-envelope-id")                                    \
    XX(ARRIVAL_DATE, "arrival-date")                                           \
    XX(ORIGINAL_RECIPIENT, "original-recipient")                               \
    XX(FINAL_RECIPIENT, "final-recipient")                                     \
    XX(ACTION, "action")                                                       \
    XX(STATUS, "status")                                                       \
    XX(REMOTE_MTA, "remote-mta")                                               \
    XX(DIAGNOSTIC_CODE, "diagnostic-code")                                     \
    XX(LAST_ATTEMPT_DATE, "last-attempt-date")                                 \
    XX(FINAL_LOG_ID, "final-log-id")                                           \
    XX(WILL_RETRY_UNTIL, "will-retry-until")

enum field_id {
    F_UNKNOWN = -1,
#define DSN_RPT_FIELD_ENUM_(id, name) F_##id,
    DSN_RPT_FIELD_MAP(DSN_RPT_FIELD_ENUM_)
#undef DSN_RPT_FIELD_ENUM_
    F_COUNT
};

static const char *const field_names[F_COUNT] = {
#define DSN_RPT_FIELD_NAME_(id, name) name,
    DSN_RPT_FIELD_MAP(DSN_RPT_FIELD_NAME_)
#undef DSN_RPT_FIELD_NAME_
};

static const unsigned char field_lens[F_COUNT] = {
#define DSN_RPT_FIELD_LEN_(id, name) sizeof name - 1,
    DSN_RPT_FIELD_MAP(DSN_RPT_FIELD_LEN_)
#undef DSN_RPT_FIELD_LEN_
};
/* clang-format on */

static int field_id(dsn_slice name)
{
    int i;
    for (i = 0; i < F_COUNT; i++)
        if (name.len == field_lens[i] &&
            dsn_rpt_ieq(name.ptr, name.len, field_names[i]))
            return i;
    return F_UNKNOWN;
}

static const dsn_slice empty = {NULL, 0};

/* ---- the per-message block ---- */

static void set_message_field(dsn_report *rep, int id, dsn_slice v)
{
    switch (id) {
    case F_REPORTING_MTA:
        dsn_rpt_typed(v, &rep->reporting_mta_type, &rep->reporting_mta);
        break;
    case F_DSN_GATEWAY:
        dsn_rpt_typed(v, &rep->dsn_gateway_type, &rep->dsn_gateway);
        break;
    case F_RECEIVED_FROM_MTA:
        dsn_rpt_typed(v, &rep->received_from_mta_type, &rep->received_from_mta);
        break;
    case F_ENVELOPE_ID:
        rep->envelope_id = v;
        break;
    case F_ARRIVAL_DATE:
        rep->arrival_date = v;
        break;
    default:
        break;
    }
}

int dsn_rpt_message_fields(dsn_report *rep, dsn_rpt_arena *a)
{
    const char *s = rep->part_;
    size_t len = rep->part_len_, pos = 0, at = 0;
    int seen = 0, r;
    dsn_rpt_field f;
    while ((r = dsn_rpt_field_next(s, len, &pos, &f)) != DSN_RPT_END) {
        int id;
        dsn_slice v;
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
        set_message_field(rep, id, v);
    }
    rep->next_ = pos;
    return DSN_OK;
}

/* ---- a recipient block ---- */

static int action_id(dsn_slice word)
{
    int id;
    for (id = DSN_ACTION_FAILED; id <= DSN_ACTION_EXPANDED; id++)
        if (dsn_rpt_ieq(word.ptr, word.len, dsn_action_name(id)))
            return id;
    return 0;
}

static void set_recipient_field(dsn_report_recipient *r, int id, dsn_slice v)
{
    dsn_slice t;
    switch (id) {
    case F_ORIGINAL_RECIPIENT:
        dsn_rpt_typed(v, &r->original_recipient_type, &t);
        r->original_recipient = dsn_rpt_address(t);
        break;
    case F_FINAL_RECIPIENT:
        dsn_rpt_typed(v, &r->final_recipient_type, &t);
        r->final_recipient = dsn_rpt_address(t);
        break;
    case F_ACTION:
        r->action = dsn_rpt_word(v);
        r->action_id = action_id(r->action);
        break;
    case F_STATUS:
        r->status_text = dsn_rpt_word(v);
        break;
    case F_REMOTE_MTA:
        dsn_rpt_typed(v, &r->remote_mta_type, &r->remote_mta);
        break;
    case F_DIAGNOSTIC_CODE:
        dsn_rpt_typed(v, &r->diagnostic_type, &r->diagnostic);
        break;
    case F_LAST_ATTEMPT_DATE:
        r->last_attempt_date = v;
        break;
    case F_FINAL_LOG_ID:
        r->final_log_id = v;
        break;
    case F_WILL_RETRY_UNTIL:
        r->will_retry_until = v;
        break;
    default:
        break;
    }
}

/* 1 when field id cannot belong to the block r holds so far, as the block
 * holds it already: the writer left the blank line out. Repetition is the
 * only sign taken, since writers order the fields of a block every way
 * (Amazon SES puts Action first, MessageLabs Final-Recipient last). */
static int starts_next_block(const dsn_report_recipient *r, int id)
{
    switch (id) {
    case F_FINAL_RECIPIENT:
        return r->final_recipient_type.len || r->final_recipient.len;
    case F_ORIGINAL_RECIPIENT:
        return r->original_recipient_type.len || r->original_recipient.len;
    case F_ACTION:
        return r->action.len > 0;
    case F_STATUS:
        return r->status_text.len > 0;
    default:
        return 0;
    }
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
    dsn_rpt_field f;
    clear(r);
    while ((kind = dsn_rpt_field_next(s, len, &pos, &f)) != DSN_RPT_END) {
        int id;
        dsn_slice v;
        if (kind == DSN_RPT_BLANK && seen)
            break;
        if (kind != DSN_RPT_FIELD)
            continue;
        id = field_id(f.name);
        if (starts_next_block(r, id)) {
            pos = (size_t)(f.name.ptr - s);
            break;
        }
        seen = 1;
        if (id < F_ORIGINAL_RECIPIENT)
            continue;
        if (dsn_rpt_value(&f, a, &v) != DSN_OK)
            return DSN_ESCRATCH;
        set_recipient_field(r, id, v);
    }
    rep->next_ = pos;
    return r->final_recipient.len > 0 || r->original_recipient.len > 0;
}

int dsn_rpt_recipient_fields(dsn_report *rep, dsn_rpt_arena *a,
                             dsn_report_recipient *r)
{
    while (rep->next_ < rep->part_len_) {
        int got;
        a->used = rep->scratch_used_;
        got = read_block(rep, a, r);
        if (got != 0) {
            if (got == 1)
                dsn_rpt_statuses(r);
            return got;
        }
    }
    return 0;
}
