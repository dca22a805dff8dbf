/*
 * report_read.c - dsn_report_read() and dsn_report_next(): find the
 * delivery-status part (report_walk.c), decode it (report_decode.c), read
 * its per-message fields now and its recipients on demand
 * (report_fields.c), and the returned original's Message-ID.
 */
#include <limits.h>

#include "report_scan.h"

static void clear(dsn_report *rep)
{
    static const dsn_slice empty = {NULL, 0};
    rep->reporting_mta = rep->reporting_mta_type = empty;
    rep->received_from_mta = rep->received_from_mta_type = empty;
    rep->dsn_gateway = rep->dsn_gateway_type = empty;
    rep->envelope_id = rep->arrival_date = rep->message_id = empty;
    rep->flags = 0;
    rep->part_ = NULL;
    rep->part_len_ = rep->next_ = 0;
    rep->scratch_ = NULL;
    rep->scratch_size_ = rep->scratch_used_ = 0;
}

/* The Message-ID in the header of the returned original, when it is there
 * as it was sent (not base64 or quoted-printable). */
static dsn_slice original_message_id(const char *msg, const dsn_rpt_found *f)
{
    dsn_rpt_part p;
    dsn_slice none = {NULL, 0};
    dsn_rpt_span enc = f->original_encoding;
    if (!f->have_original ||
        !(enc.to <= enc.from || DSN_RPT_IS(enc, "7bit") ||
          DSN_RPT_IS(enc, "8bit") || DSN_RPT_IS(enc, "binary")))
        return none;
    dsn_rpt_part_headers(msg, f->original_end, f->original_start, &p);
    return dsn_rpt_slice(dsn_rpt_msg_id(p.message_id));
}

int dsn_report_read(const char *msg, size_t len, char *scratch,
                    size_t scratch_size, dsn_report *rep)
{
    dsn_rpt_found f;
    dsn_rpt_arena a;
    dsn_rpt_span part;
    int decoded;
    if (rep == NULL)
        return DSN_EINVAL;
    clear(rep);
    if ((msg == NULL && len > 0) || (scratch == NULL && scratch_size > 0))
        return DSN_EINVAL;
    if (len > (size_t)INT_MAX)
        len = (size_t)INT_MAX;
    dsn_rpt_walk(msg, len, &f);
    if (f.status_kind == 0)
        return f.limit != 0 ? f.limit : DSN_ENOREPORT;
    a.buf = scratch;
    a.size = scratch_size;
    a.used = 0;
    decoded = dsn_rpt_decode(msg, f.status_start, f.status_end,
                             f.status_encoding, &a, &part);
    if (decoded < 0)
        return decoded;
    /* the part is part_[next_..part_len_), part_ the message or scratch */
    rep->part_ = part.s;
    rep->next_ = part.from;
    rep->part_len_ = part.to;
    if (dsn_rpt_message_fields(rep, &a) != DSN_OK) {
        clear(rep);
        return DSN_ESCRATCH;
    }
    rep->message_id = original_message_id(msg, &f);
    rep->flags =
        (f.status_kind == DSN_RPT_GLOBAL_STATUS ? DSN_REPORT_GLOBAL : 0u) |
        (f.in_report ? DSN_REPORT_IN_REPORT : 0u) |
        (decoded ? DSN_REPORT_DECODED : 0u);
    rep->scratch_ = scratch;
    rep->scratch_size_ = scratch_size;
    rep->scratch_used_ = a.used;
    return DSN_OK;
}

int dsn_report_next(dsn_report *rep, dsn_report_recipient *rcpt)
{
    dsn_rpt_arena a;
    if (rep == NULL || rcpt == NULL)
        return DSN_EINVAL;
    if (rep->part_ == NULL)
        return 0;
    a.buf = rep->scratch_;
    a.size = rep->scratch_size_;
    a.used = rep->scratch_used_;
    return dsn_rpt_recipient_fields(rep, &a, rcpt);
}
