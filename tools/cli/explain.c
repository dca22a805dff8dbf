/*
 * explain.c - `dsn explain`: what an enhanced status code (or a reply line
 * holding one) means, from the IANA registry, the reply code's severity,
 * and dsn_table.def's rows that send it.
 *
 * A reply line is read as dsn parse reads it: by dsn_parse_reply(), in
 * lenient mode unless --strict, and what lenient mode forgave is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* What the code usually means for the sender. One sentence per class and,
 * for failures, one per subject: the registry's own data says the rest. */
static const char *class_meaning(int cls)
{
    switch (cls) {
    case DSN_SEVERITY_SUCCESS:
        return "Success: the request was carried out; nothing for the "
               "sender to do.";
    case DSN_SEVERITY_TRANSIENT:
        return "Transient failure: the message is not delivered yet. The "
               "sending server keeps it queued and tries again later; the "
               "sender hears of it only if it keeps failing until the queue "
               "lifetime ends.";
    case DSN_SEVERITY_PERMANENT:
        return "Permanent failure: the message is not delivered, and "
               "sending it again as it is fails the same way. The sender "
               "gets a bounce and must change something first.";
    default: /* dsn_parse_status() and dsn_parse_reply() give no other */
        return "(not a class of RFC 3463)";
    }
}

/* One sentence per subject of the IANA registry, indexed by subject. */
static const char *const subject_meanings[] = {
    "The code says nothing beyond its class: the reply's text tells the "
    "rest.",
    "The problem is an address, the recipient's or the sender's: check it "
    "for typos, and whether the mailbox still exists.",
    "The problem is the recipient's mailbox, which exists: full, disabled or "
    "refusing this message; its owner can fix it.",
    "The problem is the receiving mail system: storage, configuration or a "
    "size limit; its postmaster can fix it, the sender cannot.",
    "The problem is the network or routing between the servers: DNS, "
    "connections, loops; it often clears by itself.",
    "The problem is the SMTP conversation itself: a command, its syntax or "
    "its parameters; a fault of the sending software more than of the "
    "message.",
    "The problem is the message's content or format: encoding, structure or "
    "conversion; the sender can change the message.",
    "The receiver refused on purpose, by security or policy "
    "(authentication, SPF, DKIM, DMARC, reputation, permissions): the sender "
    "fixes its setup or asks the receiver's postmaster.",
};

/* Every subject of iana_registry.def has its sentence: a subject added to
 * the registry without one here fails the build (a negative array size)
 * instead of reading past the array. */
#define DSN_IANA_SUBJECT(subject, summary)                                     \
    typedef char subject_##subject##_has_a_meaning                             \
        [(subject) < CLI_COUNT(subject_meanings) ? 1 : -1];
#include "iana_registry.def"

/* The reply code a call should pass to get class cls from entry e: 0 (the
 * default) when its default has that class, else the reply's own code,
 * else the registry's first associated code of the class, else cls50. */
static int code_for(const dsn_entry *e, int cls, int reply_code,
                    const dsn_status_info *info)
{
    int i;
    if (reply_code != 0)
        return e->code == reply_code ? 0 : reply_code;
    if (e->code / 100 == cls)
        return 0;
    for (i = 0; info != NULL && i < info->basic_count; i++)
        if (info->basic[i] / 100 == cls)
            return info->basic[i];
    return cls * 100 + 50;
}

static void put_functions(const dsn_status *st, int reply_code,
                          const dsn_status_info *info)
{
    const char *label = "sent by";
    int id;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        int code = code_for(e, st->cls, reply_code, info);
        dsn_reply r = dsn_from_id(id, NULL, code);
        char wire[DSN_REPLY_MAX];
        size_t n;
        if (e->subject != st->subject || e->detail != st->detail)
            continue;
        n = dsn_format(&r, wire, sizeof wire);
        printf("  %-13sdsn_%s(NULL, %d):\n", label, e->name, code);
        /* the default texts fit one line: its CRLF is left out */
        printf("%15s  %.*s\n", "", (int)(n >= 2 ? n - 2 : 0), wire);
        label = "";
    }
    if (*label != '\0') {
        char line[160];
        snprintf(line, sizeof line,
                 "no function of dsn_table.def; dsn_create(%d, msg, %d, %d) "
                 "builds it",
                 reply_code != 0 ? reply_code : st->cls * 100 + 50, st->subject,
                 st->detail);
        cli_put_field(stdout, label, line);
    }
}

static void put_registry(const dsn_status *st, int reply_code,
                         const dsn_status_info *info)
{
    char line[400], basic[64];
    if (info == NULL) {
        cli_put_field(stdout, "registry",
                      "not in the IANA registry (RFC 5248)");
        return;
    }
    if (*info->text != '\0')
        snprintf(line, sizeof line, "X.%d.%d \"%s\"", st->subject, st->detail,
                 info->text);
    else
        snprintf(line, sizeof line, "X.%d.%d (no sample text)", st->subject,
                 st->detail);
    cli_put_field(stdout, "registry", line);
    dsn_status_basic_text(info, basic, sizeof basic);
    if (reply_code == 0)
        snprintf(line, sizeof line, "%s", *basic ? basic : "none listed");
    else
        snprintf(line, sizeof line, "%s (%d is %s)",
                 *basic ? basic : "none listed", reply_code,
                 dsn_status_associated(info, reply_code) ? "one of them"
                                                         : "not listed");
    cli_put_field(stdout, "basic codes", line);
    cli_put_field(stdout, "reference", info->reference);
    cli_put_field(stdout, "deprecated",
                  (info->flags & DSN_STATUS_DEPRECATED)
                      ? "yes: the registry deprecates it; do not send it"
                      : "no");
}

/* What explain read: a status, or a reply line and how it was read. */
struct input {
    dsn_status st;
    int code;       /* the reply code, 0 for a status alone */
    int defaulted;  /* no status in the reply: dsn_default_status()'s */
    unsigned flags; /* DSN_REPLY_* of the reply line */
};

static void explain(const struct input *in)
{
    const dsn_status *st = &in->st;
    int reply_code = in->code, defaulted = in->defaulted;
    const dsn_status_info *info = dsn_describe(st->subject, st->detail);
    const char *subject = dsn_subject_name(st->subject);
    int code = reply_code != 0 ? reply_code : st->cls * 100;
    char line[400], status[DSN_STATUS_MAX];

    dsn_status_format(st, status, sizeof status);
    fputs(cli_sgr_class(st->cls), stdout);
    if (reply_code != 0)
        printf("%d ", reply_code);
    printf("%s%s\n", status, cli_sgr_reset());
    if (in->flags & ~(unsigned)DSN_REPLY_STATUS) {
        cli_put_field(stdout, "read", "in lenient mode, which forgave:");
        cli_put_reply_flags(stdout, "",
                            in->flags & ~(unsigned)DSN_REPLY_STATUS);
    }
    if (defaulted) {
        snprintf(line, sizeof line,
                 "none in the reply; dsn_default_status(%d) assumes %s",
                 reply_code, status);
        cli_put_field(stdout, "status", line);
    }
    snprintf(line, sizeof line, "%d %s", st->cls, dsn_class_name(st->cls));
    cli_put_field(stdout, "class", line);
    snprintf(line, sizeof line, "%d %s", st->subject,
             subject != NULL ? subject : "(not a registered subject)");
    cli_put_field(stdout, "subject", line);
    put_registry(st, reply_code, info);
    snprintf(line, sizeof line, "%s; RFC 3464 Action \"%s\"",
             dsn_severity_name(dsn_severity(code)),
             dsn_action_name(dsn_action_of(code)));
    cli_put_field(stdout, "severity", line);
    /* the subject sentences name a problem: a success has none */
    snprintf(line, sizeof line, "%s %s", class_meaning(st->cls),
             st->cls == DSN_SEVERITY_SUCCESS ? ""
             : subject != NULL               ? subject_meanings[st->subject]
                               : "Its subject is not registered: nothing more "
                                 "can be said.");
    cli_put_field(stdout, "meaning", line);
    put_functions(st, reply_code, info);
}

/* Reads "5.1.1", "5.1.1 text", "550 5.1.1", "550-5.1.1 text" or "550 text"
 * into *in: a status by dsn_parse_status(), a reply line by
 * dsn_parse_reply() with opt (its continuation mark taken as the last
 * line's). Returns 0, or prints why not and returns -1. */
static int read_input(const char *text, const dsn_parse_options *opt,
                      struct input *in)
{
    size_t len = strlen(text);
    dsn_parsed_reply pr;
    char *line;
    int n;

    if (strpbrk(text, "\r\n") != NULL) {
        cli_usage_error("explain: one line expected");
        return -1;
    }
    in->code = in->defaulted = 0;
    in->flags = 0;
    if (dsn_parse_status(text, len, &in->st) > 0)
        return 0;
    line = malloc(len + 3);
    if (line == NULL) {
        fputs("dsn: out of memory\n", stderr);
        return -1;
    }
    memcpy(line, text, len);
    memcpy(line + len, "\r\n", 3);
    if (len >= 4 && line[3] == '-')
        line[3] = ' ';
    n = dsn_parse_reply(line, len + 2, &pr, NULL, 0, opt);
    free(line);
    if (n < 0) {
        if (text[0] >= '0' && text[0] <= '9' && text[1] == '.')
            cli_usage_error("explain: '%s': %s", text,
                            dsn_strerror(DSN_ESTATUS));
        else if (n == DSN_EREPLYCODE)
            cli_usage_error("explain: '%s' is neither an enhanced status "
                            "code (5.1.1) nor a reply (550 5.1.1 text)",
                            text);
        else
            cli_usage_error(
                "explain: '%s': %s (%s mode)", text, dsn_strerror(n),
                opt->flags & DSN_PARSE_STRICT ? "strict" : "lenient");
        return -1;
    }
    if (dsn_reply_status(&pr, &in->st) != DSN_OK) {
        cli_usage_error("explain: a %d reply carries no enhanced status code "
                        "(RFC 2034)",
                        pr.code);
        return -1;
    }
    in->code = pr.code;
    in->defaulted = !(pr.flags & DSN_REPLY_STATUS);
    in->flags = pr.flags;
    return 0;
}

/* Appends operand to *text, a space between operands: explain 550 5.1.1
 * reads "550 5.1.1". CLI_OK, or CLI_EIO out of memory. */
static int append(char **text, size_t *len, const char *operand)
{
    size_t n = strlen(operand);
    char *grown = realloc(*text, *len + n + 2);
    if (grown == NULL) {
        fputs("dsn: out of memory\n", stderr);
        return CLI_EIO;
    }
    *text = grown;
    if (*len > 0)
        grown[(*len)++] = ' ';
    memcpy(grown + *len, operand, n + 1);
    *len += n;
    return CLI_OK;
}

/* What one `dsn explain` has read so far. */
typedef struct explain_args {
    dsn_parse_options opt;
    char *text; /* the operands joined; NULL: none yet */
    size_t len;
} explain_args;

/* --strict, or an operand to append (cli_take). */
static int take(void *ctx, int id, const char *arg)
{
    explain_args *g = ctx;
    if (id == CLI_STRICT) {
        g->opt.flags |= DSN_PARSE_STRICT;
        return CLI_OK;
    }
    return append(&g->text, &g->len, arg);
}

static int run_explain(int argc, char **argv)
{
    explain_args g = {DSN_PARSE_OPTIONS_INIT, NULL, 0};
    int rc = cli_walk(&cli_command_explain, argc, argv, take, &g);
    struct input in;

    if (rc != CLI_END || g.text == NULL) {
        free(g.text);
        return rc != CLI_END ? rc
                             : cli_usage_error("explain: missing STATUS "
                                               "(5.1.1) or reply (550 5.1.1 "
                                               "text)");
    }
    rc = read_input(g.text, &g.opt, &in);
    free(g.text);
    if (rc != 0)
        return CLI_EUSAGE;
    explain(&in);
    return cli_flush();
}

const cli_command cli_command_explain = {
    "explain",
    "STATUS | CODE STATUS | REPLY-LINE",
    "what an enhanced status code means: its class, subject, IANA registry "
    "entry, what it means for the sender, and the libdsn functions that "
    "send it; a reply line is read with dsn parse's rules, lenient unless "
    "--strict",
    &cli_strict_option,
    1,
    run_explain};
