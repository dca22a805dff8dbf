/*
 * write_samples - the reports libdsn writes, for the real readers of
 * tests/bounce/ (Python's email package, Sisimai, BounceParser) to read:
 * writes DIR/<name>.eml for each sample below and DIR/manifest.tsv, one
 * row per recipient: file, recipient, action, status, and the reason
 * Sisimai's taxonomy gives the status ("-" where none is to be checked:
 * not a failure, an address no reader takes, and the UTF-8 address of
 * "international", which Sisimai v4.25 drops as its address check is
 * ASCII only; "international_ascii" shows it reads the RFC 6533 parts).
 *
 *   write_samples DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsn.h"

typedef struct rcpt {
    const char *addr;
    const char *orcpt;
    int action; /* 0: from the status */
    dsn_status status;
    int code;
    const char *diagnostic;
    const char *reason; /* Sisimai's, "-": none */
} rcpt;

typedef struct sample {
    const char *name;
    int ret;
    unsigned flags;
    const char *original;
    const char *text;
    size_t limit;
    rcpt rcpts[6];
} sample;

/* clang-format off: the table reads as rows */
#define ORIGINAL(to)                                                           \
    "Received: from client.example.org (client.example.org [192.0.2.1])\r\n"   \
    "\tby mail.example.org (Postfix) with ESMTP id 4A1B2C3D4E\r\n"             \
    "From: Alice <alice@example.org>\r\n"                                      \
    "To: " to "\r\n"                                                           \
    "Subject: Lunch on Friday\r\n"                                             \
    "Date: Mon, 30 Nov 2026 10:20:00 +0000\r\n"                                \
    "Message-ID: <lunch.42@example.org>\r\n"                                   \
    "MIME-Version: 1.0\r\n"                                                    \
    "Content-Type: text/plain; charset=us-ascii\r\n"                           \
    "\r\n"                                                                     \
    "See you at noon.\r\n"

static const sample samples[] = {
    {"userunknown",
     DSN_RET_FULL,
     0,
     ORIGINAL("<nobody@example.net>"),
     NULL,
     0,
     {{"nobody@example.net",
       NULL,
       0,
       {5, 1, 1},
       550,
       "550 5.1.1 <nobody@example.net>: Recipient address rejected: User "
       "unknown in virtual mailbox table",
       "userunknown"}}},
    {"mailboxfull",
     DSN_RET_DEFAULT,
     0,
     ORIGINAL("<full@example.net>"),
     NULL,
     0,
     {{"full@example.net",
       "full@example.net",
       0,
       {5, 2, 2},
       552,
       "552 5.2.2 <full@example.net>: Mailbox full, quota exceeded",
       "mailboxfull"}}},
    {"hostunknown",
     DSN_RET_HDRS,
     0,
     ORIGINAL("<someone@nx.example.invalid>"),
     NULL,
     0,
     {{"someone@nx.example.invalid",
       NULL,
       0,
       {5, 1, 2},
       0,
       "Host or domain name not found. Name service error for "
       "name=nx.example.invalid type=MX: Host not found",
       "hostunknown"}}},
    {"expired",
     DSN_RET_FULL,
     0,
     ORIGINAL("<late@example.com>"),
     NULL,
     0,
     {{"late@example.com",
       NULL,
       DSN_ACTION_FAILED,
       {5, 4, 7},
       0,
       "delivery time expired: no answer from mx.example.com after 5 days",
       "expired"}}},
    {"several",
     DSN_RET_FULL,
     0,
     ORIGINAL("<nobody@example.net>, <full@example.net>, "
              "<late@example.com>, <slow@example.com>, <ok@example.com>"),
     NULL,
     0,
     {{"nobody@example.net",
       NULL,
       0,
       {5, 1, 1},
       550,
       "550 5.1.1 No such user here",
       "userunknown"},
      {"full@example.net",
       NULL,
       0,
       {5, 2, 2},
       552,
       "552 5.2.2 Mailbox full",
       "mailboxfull"},
      {"someone@nx.example.invalid",
       NULL,
       0,
       {5, 1, 2},
       0,
       "Host or domain name not found",
       "hostunknown"},
      {"late@example.com",
       NULL,
       DSN_ACTION_FAILED,
       {5, 4, 7},
       0,
       "delivery time expired: no answer from mx.example.com after 5 days",
       "expired"},
      {"slow@example.com",
       NULL,
       0,
       {4, 4, 1},
       451,
       "451 4.4.1 Connection timed out",
       "-"},
      {"ok@example.com",
       NULL,
       DSN_ACTION_DELIVERED,
       {2, 0, 0},
       250,
       "250 2.0.0 Ok: queued as 4F5A6B",
       "-"}}},
    {"delayed",
     DSN_RET_HDRS,
     0,
     ORIGINAL("<slow@example.com>"),
     NULL,
     0,
     {{"slow@example.com",
       NULL,
       0,
       {4, 4, 1},
       421,
       "421 4.4.1 Service not available, try again later",
       "-"}}},
    {"delivered",
     DSN_RET_HDRS,
     0,
     ORIGINAL("<ok@example.com>"),
     NULL,
     0,
     {{"ok@example.com",
       NULL,
       DSN_ACTION_RELAYED,
       {2, 0, 0},
       250,
       "250 2.0.0 Ok",
       "-"}}},
    {"international",
     DSN_RET_FULL,
     DSN_BOUNCE_SMTPUTF8,
     "From: Alice <alice@example.org>\r\n"
     "To: <j\xC3\xB8rn@example.no>\r\n"
     "Subject: =?utf-8?q?K=C3=B8rt?=\r\n"
     "Message-ID: <utf8.1@example.org>\r\n"
     "\r\n"
     "Hei J\xC3\xB8rn\r\n",
     NULL,
     0,
     {{"j\xC3\xB8rn@example.no",
       NULL,
       0,
       {5, 1, 1},
       550,
       "550 5.1.1 ukjent bruker \xC3\xB8",
       "-"}}},
    {"international_ascii",
     DSN_RET_FULL,
     DSN_BOUNCE_SMTPUTF8,
     "From: Alice <alice@example.org>\r\n"
     "To: <jorn@example.no>\r\n"
     "Subject: =?utf-8?q?K=C3=B8rt?=\r\n"
     "Message-ID: <utf8.2@example.org>\r\n"
     "\r\n"
     "Hei J\xC3\xB8rn\r\n",
     NULL,
     0,
     {{"jorn@example.no",
       NULL,
       0,
       {5, 1, 1},
       550,
       "550 5.1.1 ukjent bruker \xC3\xB8",
       "userunknown"}}},
    {"hostile",
     DSN_RET_FULL,
     0,
     "Subject: evil\r\nMessage-ID: <evil@example.org>\r\n\r\n"
     "--=_libdsn_0000000000000000\r\nContent-Type: text/html\r\n\r\n"
     "<b>not a part</b>\r\n--=_libdsn_0000000000000000--\r\n",
     "Custom text.\r\n--=_libdsn_0000000000000001\r\nX-Injected: yes\r\n",
     0,
     {{"victim@example.net\r\nBcc: evil@example.com",
       NULL,
       0,
       {5, 7, 1},
       554,
       "554 5.7.1 rejected\r\n\r\nX-Injected: yes",
       "-"}}},
    {"long_lines",
     DSN_RET_FULL,
     0,
     NULL, /* built in main(): a body line of 1200 octets */
     NULL,
     0,
     {{"nobody@example.net",
       NULL,
       0,
       {5, 1, 1},
       550,
       "550 5.1.1 No such user",
       "userunknown"}}},
};

/* clang-format on */

static int write_file(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(s, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* The address as it is written: dsn_status_fields() cleans it. */
static void put_clean(FILE *f, const char *s)
{
    for (; *s != '\0'; s++)
        if (*s == '\n' || *s == '\t')
            putc(' ', f);
        else if ((unsigned char)*s >= 0x20 && *s != 0x7F)
            putc(*s, f);
}

static int write_sample(const char *dir, const sample *s, FILE *manifest)
{
    static char out[1 << 17], path[4096], long_original[4096];
    dsn_recipient_fields r[6];
    dsn_bounce b = DSN_BOUNCE_INIT;
    size_t n = 0, len;
    for (; n < 6 && s->rcpts[n].addr != NULL; n++) {
        dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
        f.final_recipient = s->rcpts[n].addr;
        f.original_recipient = s->rcpts[n].orcpt;
        f.action = s->rcpts[n].action;
        f.status = &s->rcpts[n].status;
        f.code = s->rcpts[n].code;
        f.diagnostic = s->rcpts[n].diagnostic;
        f.remote_mta = f.code != 0 ? "mx.example.net" : NULL;
        f.last_attempt_date = "Mon, 30 Nov 2026 10:21:00 +0000";
        if (s->rcpts[n].status.cls == 4)
            f.will_retry_until = "Fri, 4 Dec 2026 10:20:00 +0000";
        r[n] = f;
    }
    b.reporting_mta = "mail.example.org";
    b.sender = "alice@example.org";
    b.date = "Mon, 30 Nov 2026 10:22:53 +0000";
    b.message_id_local = s->name;
    b.envid = "lunch+2B42";
    b.received_from_mta = "client.example.org";
    b.arrival_date = "Mon, 30 Nov 2026 10:20:00 +0000";
    b.recipients = r;
    b.recipient_count = n;
    b.ret = s->ret;
    b.flags = s->flags;
    b.text = s->text;
    b.original_limit = s->limit;
    b.original = s->original;
    if (b.original == NULL) {
        len = (size_t)sprintf(long_original, "Subject: long\r\nMessage-ID: "
                                             "<long@example.org>\r\n\r\n");
        memset(long_original + len, 'x', 1200);
        len += 1200;
        memcpy(long_original + len, "\r\n", 3);
        b.original = long_original;
    }
    b.original_len = strlen(b.original);
    len = dsn_bounce_format(&b, out, sizeof out);
    if (len == 0 || len >= sizeof out) {
        fprintf(stderr, "%s: %s\n", s->name,
                dsn_strerror(dsn_bounce_check(&b)));
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s.eml", dir, s->name);
    if (write_file(path, out, len) != 0)
        return -1;
    for (n = 0; n < b.recipient_count; n++) {
        char st[DSN_STATUS_MAX];
        int action = r[n].action;
        if (action == 0)
            action = dsn_action_of(s->rcpts[n].status.cls * 100);
        dsn_status_format(&s->rcpts[n].status, st, sizeof st);
        fprintf(manifest, "%s.eml\t", s->name);
        put_clean(manifest, s->rcpts[n].addr);
        fprintf(manifest, "\t%s\t%s\t%s\n", dsn_action_name(action), st,
                s->rcpts[n].reason);
    }
    return 0;
}

int main(int argc, char **argv)
{
    char path[4096];
    FILE *manifest;
    size_t i;
    if (argc != 2) {
        fputs("usage: write_samples DIR\n", stderr);
        return 2;
    }
    snprintf(path, sizeof path, "%s/manifest.tsv", argv[1]);
    manifest = fopen(path, "w");
    if (manifest == NULL) {
        perror(path);
        return 1;
    }
    fputs("file\trecipient\taction\tstatus\treason\n", manifest);
    for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
        if (write_sample(argv[1], &samples[i], manifest) != 0)
            return 1;
    return fclose(manifest) == 0 ? 0 : 1;
}
