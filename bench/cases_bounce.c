/* Case W: a whole delivery status notification for three
 * failed recipients with a 10 KB original (message/rfc822), against a
 * hand-written snprintf sequence that writes the same bytes (it knows the
 * boundary and that the original needs no change: what the writer has to
 * find out with its scan pass) and a memcpy of them. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "dsn.h"

#define W_MTA "mail.example.org"
#define W_SENDER "alice@example.org"
#define W_DATE "Mon, 30 Nov 2026 10:22:53 +0000"
#define W_ID "Q1234"
#define W_ORIG_ID "<lunch.42@example.org>"
#define W_BOUNDARY "=_libdsn_0000000000000000"
#define W_ORIGINAL_SIZE 10240
#define W_LINE                                                                 \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static const char *const w_rcpt[3] = {"nobody@example.net", "full@example.net",
                                      "late@example.com"};
static const dsn_status w_status[3] = {{5, 1, 1}, {5, 2, 2}, {5, 4, 7}};
static const int w_code[3] = {550, 552, 0};
static const char *const w_diag[3] = {"550 5.1.1 No such user",
                                      "552 5.2.2 Mailbox full",
                                      "delivery time expired"};

static char w_original[W_ORIGINAL_SIZE + 1];
static dsn_recipient_fields w_fields[3];
static dsn_bounce w_bounce;

/* A 10 KB message of short CRLF lines: it travels unchanged. */
static void w_prepare(void)
{
    size_t n, i;
    n = (size_t)snprintf(w_original, sizeof w_original,
                         "From: Alice <" W_SENDER ">\r\n"
                         "To: <nobody@example.net>, <full@example.net>, "
                         "<late@example.com>\r\n"
                         "Subject: Lunch on Friday\r\n"
                         "Message-ID: " W_ORIG_ID "\r\n\r\n");
    /* lines of 70 octets, the last one shorter: 10,240 in all */
    for (; n + 72 <= W_ORIGINAL_SIZE - 2; n += 72)
        memcpy(w_original + n, W_LINE "\r\n", 72);
    memset(w_original + n, 'x', W_ORIGINAL_SIZE - 2 - n);
    memcpy(w_original + W_ORIGINAL_SIZE - 2, "\r\n", 2);
    w_original[W_ORIGINAL_SIZE] = '\0';
    for (i = 0; i < 3; i++) {
        dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
        f.final_recipient = w_rcpt[i];
        f.code = w_code[i];
        f.status = &w_status[i];
        f.action = DSN_ACTION_FAILED;
        f.remote_mta = w_code[i] != 0 ? "mx.example.net" : NULL;
        f.diagnostic = w_diag[i];
        w_fields[i] = f;
    }
    w_bounce.reporting_mta = W_MTA;
    w_bounce.sender = W_SENDER;
    w_bounce.date = W_DATE;
    w_bounce.message_id_local = W_ID;
    w_bounce.recipients = w_fields;
    w_bounce.recipient_count = 3;
    w_bounce.original = w_original;
    w_bounce.original_len = W_ORIGINAL_SIZE;
    w_bounce.ret = DSN_RET_FULL;
}

static size_t w_lib(char *buf, size_t size)
{
    return dsn_bounce_format(&w_bounce, buf, size);
}

/* Appends what snprintf writes, keeping the total as snprintf would. */
#define W_PUT(...)                                                             \
    do {                                                                       \
        int k_ = snprintf(buf + (n < size ? n : size),                         \
                          n < size ? size - n : 0, __VA_ARGS__);               \
        if (k_ < 0)                                                            \
            return 0;                                                          \
        n += (size_t)k_;                                                       \
    } while (0)

static size_t w_printf(char *buf, size_t size)
{
    size_t n = 0, i;
    W_PUT("From: Mail Delivery System <MAILER-DAEMON@%s>\r\nTo: <%s>\r\n"
          "Subject: %s\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n"
          "In-Reply-To: %s\r\nReferences: %s\r\n"
          "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
          "Content-Type: multipart/report; report-type=delivery-status;\r\n"
          "\tboundary=\"%s\"\r\n\r\nThis is a MIME-encapsulated message.\r\n",
          W_MTA, W_SENDER, "Delivery report: message not delivered", W_DATE,
          W_ID, W_MTA, W_ORIG_ID, W_ORIG_ID, W_BOUNDARY);
    W_PUT("\r\n--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n"
          "Content-Description: Notification\r\n\r\n"
          "This report comes from the mail system at %s.\r\n\r\n"
          "Your message could not be delivered to one or more of its\r\n"
          "recipients. What happened to each recipient is said below.\r\n",
          W_BOUNDARY, W_MTA);
    for (i = 0; i < 3; i++) {
        W_PUT("\r\n<%s>: could not be delivered\r\n    Status: %d.%d.%d\r\n",
              w_rcpt[i], w_status[i].cls, w_status[i].subject,
              w_status[i].detail);
        if (w_code[i] != 0)
            W_PUT("    Remote server: mx.example.net\r\n");
        W_PUT("    Reply: %s\r\n", w_diag[i]);
    }
    W_PUT("\r\nThe original message is attached.\r\n");
    W_PUT("\r\n--%s\r\nContent-Type: message/delivery-status\r\n"
          "Content-Description: Delivery report\r\n\r\n"
          "Reporting-MTA: dns; %s\r\n",
          W_BOUNDARY, W_MTA);
    for (i = 0; i < 3; i++) {
        W_PUT("\r\nFinal-Recipient: rfc822; %s\r\nAction: failed\r\n"
              "Status: %d.%d.%d\r\n",
              w_rcpt[i], w_status[i].cls, w_status[i].subject,
              w_status[i].detail);
        if (w_code[i] != 0)
            W_PUT("Remote-MTA: dns; mx.example.net\r\n");
        W_PUT("Diagnostic-Code: smtp; %s\r\n", w_diag[i]);
    }
    W_PUT("\r\n--%s\r\nContent-Type: message/rfc822\r\n"
          "Content-Description: Undelivered Message\r\n\r\n%s"
          "\r\n--%s--\r\n",
          W_BOUNDARY, w_original, W_BOUNDARY);
    return n;
}

BENCH_FLOOR(w)

static const bench_case cases[] = {
    {'W', "dsn_bounce_format: 3 recipients, 10 KB original", 1, w_lib, w_printf,
     w_floor},
};

size_t bench_cases_bounce(const bench_case **out)
{
    w_prepare();
    return bench_hand_out(w_fill(), cases, sizeof cases / sizeof cases[0], out);
}
