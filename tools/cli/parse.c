/*
 * parse.c - `dsn parse`: every SMTP reply on stdin, field by field, and an
 * exit status a script can branch on.
 *
 * The library's rules, as dsn/parse.h gives them: lenient by default, as a
 * log is what it is (dsn_parse_reply() without DSN_PARSE_STRICT: what
 * Postfix's client takes is taken and reported as flags, lines up to
 * DSN_LENIENT_LINE_MAX octets); --strict sets DSN_PARSE_STRICT (RFC 5321's
 * 512 octets). Each reply says which mode read it. A reply that fails is
 * reported, and the reading goes on where dsn_parse_reply() says
 * (out->resume): a greeting cut off by another code's reply shows the
 * error and then that reply. Either way blank lines between replies are
 * skipped, and a last line without a line end is taken as ended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The lines of one reply that `dsn parse` prints, from slices on the
 * stack; of a longer reply it says how many it leaves out. */
#define PARSE_LINES 1024

/* How bad a reply was, in the order of the exit status's precedence. */
enum outcome { OUT_SUCCESS, OUT_TRANSIENT, OUT_PERMANENT, OUT_DATAERR };

static const int outcome_exit[] = {CLI_OK, CLI_ETEMPFAIL, CLI_EUNAVAILABLE,
                                   CLI_EDATAERR};

/* All of stdin, ending in a line end, NUL-terminated; NULL on error. */
static char *read_all(size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap), *grown;
    while (buf != NULL) {
        if (cap - n < 4) { /* room for a byte read and the 3 added */
            grown = realloc(buf, cap * 2);
            if (grown == NULL)
                break;
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 3, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) {
                perror("dsn: reading stdin");
                free(buf);
                return NULL;
            }
            if (n > 0 && buf[n - 1] != '\n') {
                if (buf[n - 1] != '\r')
                    buf[n++] = '\r';
                buf[n++] = '\n';
            }
            buf[n] = '\0';
            *len = n;
            return buf;
        }
    }
    free(buf);
    fputs("dsn: out of memory\n", stderr);
    return NULL;
}

static size_t count_lf(const char *s, size_t len)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* Length of the line at s (through its LF) when it holds only spaces,
 * tabs and CR, else 0. */
static size_t blank_line(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'); i++)
        ;
    return i < len && s[i] == '\n' ? i + 1 : 0;
}

static void put_label(const char *label)
{
    printf("  %-13s", label);
}

/* A line's text, control bytes escaped; bytes above 0x7F too when the
 * reply's text is not all UTF-8 (NOT_UTF8), so that the output never
 * passes them off as UTF-8. */
static void put_text(const dsn_slice *text, unsigned flags)
{
    size_t i, run = 0;
    for (i = 0; i < text->len; i++) {
        unsigned char c = (unsigned char)text->ptr[i];
        if (c < 0x80 || !(flags & DSN_REPLY_NOT_UTF8))
            continue;
        cli_put_escaped(stdout, text->ptr + run, i - run);
        printf("\\x%02x", c);
        run = i + 1;
    }
    cli_put_escaped(stdout, text->ptr + run, text->len - run);
}

static enum outcome print_reply(const dsn_parsed_reply *r,
                                const dsn_slice *lines, size_t first_line,
                                const char *mode)
{
    int severity = dsn_severity(r->code);
    dsn_status st;
    size_t i;
    char name[32];

    printf("%sreply at line %lu (%s)%s\n", cli_sgr_bold(),
           (unsigned long)first_line, mode, cli_sgr_reset());
    put_label("code");
    printf("%s%d%s\n", cli_sgr_class(r->code / 100), r->code, cli_sgr_reset());
    put_label("status");
    if (dsn_reply_status(r, &st) != DSN_OK) {
        printf("none (a %dyz reply carries none)\n", r->code / 100);
    } else {
        char status[DSN_STATUS_MAX];
        dsn_status_format(&st, status, sizeof status);
        printf("%s%s%s ", cli_sgr_class(st.cls), status, cli_sgr_reset());
        if (r->flags & DSN_REPLY_STATUS)
            puts("(from the reply)");
        else
            printf("(none in the reply: dsn_default_status(%d))\n", r->code);
    }
    put_label("severity");
    printf("%s\n", severity > 0         ? dsn_severity_name(severity)
                   : r->code / 100 == 3 ? "intermediate (3yz)"
                                        : "none (a code outside 2yz-5yz)");
    put_label("action");
    printf("%s\n", severity > 0 ? dsn_action_name(dsn_action_of(r->code))
                                : "none (not a final reply)");
    for (i = 0; i < r->lines && i < PARSE_LINES; i++) {
        snprintf(name, sizeof name, "text %lu", (unsigned long)(i + 1));
        put_label(name);
        put_text(&lines[i], r->flags);
        putchar('\n');
    }
    if (r->lines > PARSE_LINES) {
        put_label("not shown");
        printf("text %d-%lu: dsn parse prints %d lines of a reply\n",
               PARSE_LINES + 1, (unsigned long)r->lines, PARSE_LINES);
    }
    if (cli_put_reply_flags(stdout, "flags", r->flags) == 0)
        cli_put_field(stdout, "flags", "none");
    switch (severity) {
    case DSN_SEVERITY_TRANSIENT:
        return OUT_TRANSIENT;
    case DSN_SEVERITY_PERMANENT:
        return OUT_PERMANENT;
    case DSN_SEVERITY_SUCCESS:
        return OUT_SUCCESS;
    default: /* 3yz, or a code outside 2yz-5yz: no failure either */
        return OUT_SUCCESS;
    }
}

static enum outcome parse_all(const char *buf, size_t len,
                              const dsn_parse_options *opt)
{
    const char *mode = opt->flags & DSN_PARSE_STRICT ? "strict" : "lenient";
    size_t pos = 0, line_no = 1, replies = 0;
    enum outcome worst = OUT_SUCCESS, o;
    dsn_parsed_reply r;
    dsn_slice lines[PARSE_LINES];
    int n;

    while (pos < len) {
        size_t blank = blank_line(buf + pos, len - pos);
        if (blank > 0) {
            pos += blank;
            line_no++;
            continue;
        }
        n = dsn_parse_reply(buf + pos, len - pos, &r, lines, PARSE_LINES, opt);
        if (n == DSN_EINCOMPLETE) {
            fprintf(stderr,
                    "dsn: parse: line %lu: the input ends before the "
                    "reply's last line (EINCOMPLETE)\n",
                    (unsigned long)line_no);
            worst = OUT_DATAERR;
            break;
        }
        if (n < 0) {
            /* the line at r.offset is at fault; go on at r.resume */
            fprintf(stderr, "dsn: parse: line %lu: %s (%s)\n",
                    (unsigned long)(line_no + count_lf(buf + pos, r.offset)),
                    dsn_strerror(n), dsn_err_name(n));
            worst = OUT_DATAERR;
            line_no += count_lf(buf + pos, r.resume);
            pos += r.resume;
            continue;
        }
        if (replies++ > 0)
            putchar('\n');
        o = print_reply(&r, lines, line_no, mode);
        if (o > worst)
            worst = o;
        line_no += count_lf(buf + pos, (size_t)n);
        pos += (size_t)n;
    }
    if (replies == 0 && worst != OUT_DATAERR) {
        fputs("dsn: parse: no reply on stdin\n", stderr);
        worst = OUT_DATAERR;
    }
    return worst;
}

const cli_option cli_strict_option = {
    CLI_STRICT, "strict", NULL,
    "strict mode: reject what the lenient default forgives (what Postfix's "
    "client takes, flagged), and lines over 512 octets"};

/* --strict, or an operand (cli_take): a usage error. */
static int take(void *ctx, int id, const char *arg)
{
    dsn_parse_options *opt = ctx;
    if (id == CLI_STRICT) {
        opt->flags |= DSN_PARSE_STRICT;
        return CLI_OK;
    }
    return cli_usage_error("parse: unexpected argument '%s' (the replies are "
                           "read from stdin)",
                           arg);
}

static int run_parse(int argc, char **argv)
{
    dsn_parse_options opt = DSN_PARSE_OPTIONS_INIT;
    char *buf;
    size_t len = 0;
    int id, rc = cli_walk(&cli_command_parse, argc, argv, take, &opt);

    if (rc != CLI_END)
        return rc;
    buf = read_all(&len);
    if (buf == NULL)
        return CLI_EIO;
    id = outcome_exit[parse_all(buf, len, &opt)];
    free(buf);
    rc = cli_flush();
    return rc != CLI_OK ? rc : id;
}

const cli_command cli_command_parse = {
    "parse",
    "< REPLIES",
    "read SMTP replies from stdin (CRLF or LF line ends, blank lines between "
    "them) with dsn_parse_reply()'s rules, lenient unless --strict, and print "
    "each one's fields and the mode that read it; after a reply that fails, "
    "read on where the parser says. Exit status 65 for input that is no "
    "reply, else 69 for a permanent failure (5yz), else 75 for a transient "
    "one (4yz), else 0",
    &cli_strict_option,
    1,
    run_parse};
