/* Case H: the RFC 3464 per-recipient fields of a bounce, as a
 * delivery agent writes them for a failed recipient. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "dsn.h"
#include "dsn/delivery.h"

#define H_RCPT "user@example.com"
#define H_MTA "mx.example.com"
#define H_CODE 550
#define H_DIAG "550 5.1.1 No such user"

static size_t h_lib(char *buf, size_t size)
{
    static const dsn_status st = {H_CODE / 100, 1, 1};
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    f.final_recipient = H_RCPT;
    f.code = H_CODE;
    f.status = &st;
    f.remote_mta = H_MTA;
    f.diagnostic = H_DIAG;
    return dsn_status_fields(&f, buf, size);
}

static size_t h_printf(char *buf, size_t size)
{
    int n = snprintf(buf, size,
                     "Final-Recipient: rfc822; %s\r\nAction: %s\r\n"
                     "Status: %d.%d.%d\r\nRemote-MTA: dns; %s\r\n"
                     "Diagnostic-Code: smtp; %s\r\n",
                     H_RCPT, dsn_action_name(dsn_action_of(H_CODE)),
                     H_CODE / 100, 1, 1, H_MTA, H_DIAG);
    return n > 0 ? (size_t)n : 0;
}

BENCH_FLOOR(h)

static const bench_case cases[] = {
    {'H', "dsn_status_fields: RFC 3464 fields of a bounce", 1, h_lib, h_printf,
     h_floor},
};

size_t bench_cases_delivery(const bench_case **out)
{
    return bench_hand_out(h_fill(), cases, sizeof cases / sizeof cases[0], out);
}
