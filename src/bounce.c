/*
 * dsn_bounce_format() and dsn_bounce_write(): check every value, plan
 * (international or not, how much of the original, the boundary and the
 * encodings), then write the message in one pass (dsn/bounce.h).
 */
#include <string.h>

#include "bounce_int.h"

static int is_international(const dsn_bounce *b)
{
    size_t i;
    if ((b->flags & DSN_BOUNCE_SMTPUTF8) != 0 ||
        bw_has_8bit(b->sender, strlen(b->sender)))
        return 1;
    for (i = 0; i < b->recipient_count; i++) {
        const dsn_recipient_fields *r = &b->recipients[i];
        if (bw_has_8bit(r->final_recipient, strlen(r->final_recipient)) ||
            (r->original_recipient != NULL &&
             bw_has_8bit(r->original_recipient, strlen(r->original_recipient))))
            return 1;
    }
    return 0;
}

/* The outcome that names the report: failed, delayed, then relayed (the
 * message left for a system that may not report on delivery), the first
 * that a recipient has; else delivered (expanded is delivered too). */
static int worst_action(const dsn_bounce *b)
{
    static const int order[] = {DSN_ACTION_FAILED, DSN_ACTION_DELAYED,
                                DSN_ACTION_RELAYED};
    size_t i, j;
    for (j = 0; j < sizeof order / sizeof order[0]; j++)
        for (i = 0; i < b->recipient_count; i++)
            if (bw_action(&b->recipients[i]) == order[j])
                return order[j];
    return DSN_ACTION_DELIVERED;
}

static int plan(const dsn_bounce *b, bw_plan *pl)
{
    int err = dsn_bounce_check(b);
    if (err != DSN_OK)
        return err;
    memset(pl, 0, sizeof *pl);
    pl->b = b;
    pl->international = is_international(b);
    pl->worst = worst_action(b);
    bw_plan_original(pl);
    return bw_choose_boundary(pl);
}

static void put_delimiter(const bw_plan *pl, bw_out *o, int last)
{
    bw_str(o, "\r\n--");
    bw_str(o, pl->boundary);
    bw_str(o, last ? "--\r\n" : "\r\n");
}

static const char *encoding(int eight_bit)
{
    return eight_bit ? "Content-Transfer-Encoding: 8bit\r\n" : "";
}

static void put_text_part(const bw_plan *pl, bw_out *o)
{
    put_delimiter(pl, o, 0);
    bw_str(o, pl->enc.text_8bit
                  ? "Content-Type: text/plain; charset=utf-8\r\n"
                  : "Content-Type: text/plain; charset=us-ascii\r\n");
    if (pl->enc.text_qp)
        bw_str(o, "Content-Transfer-Encoding: quoted-printable\r\n");
    else
        bw_str(o, encoding(pl->enc.text_8bit));
    bw_str(o, "Content-Description: Notification\r\n\r\n");
    bw_qp(o, pl->enc.text_qp);
    bw_human(pl, o);
    bw_qp(o, 0);
}

static int put_status_part(const bw_plan *pl, bw_out *o)
{
    put_delimiter(pl, o, 0);
    bw_str(o, pl->international
                  ? "Content-Type: message/global-delivery-status\r\n"
                  : "Content-Type: message/delivery-status\r\n");
    bw_str(o, encoding(pl->enc.status_8bit));
    bw_str(o, "Content-Description: Delivery report\r\n\r\n");
    return bw_status(pl, o);
}

static void put_original_part(const bw_plan *pl, bw_out *o)
{
    static const char *const types[2][2] = {
        {"text/rfc822-headers", "message/rfc822"},
        {"message/global-headers", "message/global"}};
    if (pl->b->original == NULL || pl->b->original_len == 0)
        return;
    put_delimiter(pl, o, 0);
    bw_str(o, "Content-Type: ");
    bw_str(o, types[pl->international][pl->full]);
    bw_str(o, "\r\n");
    bw_str(o, encoding(pl->enc.original_8bit));
    bw_str(o, pl->full ? "Content-Description: Undelivered Message\r\n\r\n"
                       : "Content-Description: Undelivered Message "
                         "Headers\r\n\r\n");
    bw_original(pl, o);
}

int bw_write_message(const bw_plan *pl, bw_out *o)
{
    int err;
    bw_headers(pl, o);
    put_text_part(pl, o);
    err = put_status_part(pl, o);
    if (err != DSN_OK)
        return err;
    put_original_part(pl, o);
    put_delimiter(pl, o, 1);
    return DSN_OK;
}

size_t dsn_bounce_format(const dsn_bounce *b, char *buf, size_t size)
{
    bw_plan pl;
    bw_out o;
    bw_out_buffer(&o, buf, size);
    if (plan(b, &pl) != DSN_OK || bw_write_message(&pl, &o) != DSN_OK) {
        o.sink.len = 0;
        dsn_sink_end(&o.sink);
        return 0;
    }
    return dsn_sink_end(&o.sink);
}

int dsn_bounce_write(const dsn_bounce *b, dsn_bounce_writer writer, void *ctx)
{
    bw_plan pl;
    bw_out o;
    int err;
    if (writer == NULL)
        return DSN_EINVAL;
    err = plan(b, &pl);
    if (err != DSN_OK)
        return err;
    bw_out_writer(&o, writer, ctx);
    err = bw_write_message(&pl, &o);
    if (err != DSN_OK)
        return err;
    return o.failed ? DSN_EWRITER : DSN_OK;
}
