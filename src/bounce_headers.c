/*
 * The report's message header (RFC 5322 section 3.6, RFC 3834 section 5,
 * RFC 6522 section 3). dsn_bounce_check() has checked every value that is
 * written here as it is: none holds a control octet or fills a line.
 */
#include <string.h>

#include "bounce_int.h"

static void put_line(bw_out *o, const char *name, const char *v, size_t n)
{
    bw_str(o, name);
    bw_put(o, v, n);
    bw_put(o, "\r\n", 2);
}

void bw_headers(const bw_plan *pl, bw_out *o)
{
    const dsn_bounce *b = pl->b;
    bw_str(o, "From: ");
    bw_str(o, b->mailer_name != NULL ? b->mailer_name : "Mail Delivery System");
    bw_str(o, " <MAILER-DAEMON@");
    bw_str(o, b->reporting_mta);
    bw_str(o, ">\r\nTo: <");
    bw_str(o, b->sender);
    bw_str(o, ">\r\n");
    put_line(o, "Subject: ", bw_outcome_of(pl->worst)->subject,
             strlen(bw_outcome_of(pl->worst)->subject));
    put_line(o, "Date: ", b->date, strlen(b->date));
    if (b->message_id != NULL) {
        put_line(o, "Message-ID: ", b->message_id, strlen(b->message_id));
    } else {
        bw_str(o, "Message-ID: <");
        bw_str(o, b->message_id_local);
        bw_put(o, "@", 1);
        bw_str(o, b->reporting_mta);
        bw_str(o, ">\r\n");
    }
    if (pl->msgid.len > 0) {
        put_line(o, "In-Reply-To: ", pl->msgid.p, pl->msgid.len);
        put_line(o, "References: ", pl->msgid.p, pl->msgid.len);
    }
    bw_str(o, "Auto-Submitted: auto-replied\r\n"
              "MIME-Version: 1.0\r\n"
              "Content-Type: multipart/report; report-type=delivery-status;\r\n"
              "\tboundary=\"");
    bw_str(o, pl->boundary);
    bw_str(o, "\"\r\n\r\n"
              "This is a MIME-encapsulated message.\r\n");
}
