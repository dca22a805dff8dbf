/*
 * dsn-opensmtpd-filter - an OpenSMTPD filter that rejects unknown
 * recipients with a libdsn reply, written by dsn_opensmtpd_line(); no
 * library but libdsn and libc.
 *
 *     filter "dsn" proc-exec "/path/dsn-opensmtpd-filter alice bob"
 *     listen on 127.0.0.1 filter "dsn"
 *
 *     dsn-opensmtpd-filter [-r NAME] [-m LINE]... [-c CODE] [-d] USER...
 *
 * RCPT TO a local part (any domain, case-insensitive) not among the USERs
 * gets the reply of the libdsn function dsn_NAME (default no_such_user),
 * with its text made of the LINEs if given (one -m a line) and CODE if
 * given; -d closes the session after it (421 always does). Every other
 * recipient proceeds.
 *
 * It speaks the filter protocol of smtpd-filters(7) on its standard input
 * and output: versions 0.5 to 0.7 (Debian 12's OpenSMTPD 6.8 speaks 0.6,
 * OpenSMTPD 7 speaks 0.7) write the result line the same way. Any other
 * version, or a line it cannot read, ends it with a message on stderr,
 * which stops smtpd: loudly, rather than with a line smtpd misreads.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dsn.h"
#include "dsn/opensmtpd.h"

#define LINE_MAX_IN 4096 /* smtpd's requests are shorter than LINE_MAX */
#define FIELDS 8 /* filter|version|time|subsystem|phase|reqid|token|param */

static const char usage[] =
    "usage: dsn-opensmtpd-filter [-r NAME] [-m LINE]... [-c CODE] [-d] "
    "USER...\n";

struct filter {
    dsn_reply reply;
    unsigned flags;
    char **users;
    int user_count;
};

static void die(const char *what, const char *line)
{
    (void)fprintf(stderr, "dsn-opensmtpd-filter: %s: %s\n", what, line);
    exit(1);
}

/* Writes s to smtpd at once; a filter that cannot is of no use. */
static void put(const char *s)
{
    if (fputs(s, stdout) == EOF || fflush(stdout) != 0)
        die("stdout", "write failed");
}

/* Adds line to the message, after a '\n' if it has lines already. */
static void add_line(char *message, size_t size, const char *line)
{
    size_t used = strlen(message), n = strlen(line);
    if (used + (used > 0) + n >= size)
        die("-m: the message is too long", line);
    if (used > 0)
        message[used++] = '\n';
    memcpy(message + used, line, n + 1);
}

static int known(const struct filter *f, const char *addr)
{
    size_t len;
    int i;
    if (*addr == '<')
        addr++;
    len = strcspn(addr, "@>");
    for (i = 0; i < f->user_count; i++)
        if (strlen(f->users[i]) == len &&
            strncasecmp(f->users[i], addr, len) == 0)
            return 1;
    return 0;
}

/* A session or token id: 1 to 16 hexadecimal digits. */
static uint64_t parse_id(const char *s, const char *line)
{
    size_t n = strspn(s, "0123456789abcdefABCDEF");
    if (n == 0 || n > 16 || s[n] != '\0')
        die("bad id", line);
    return strtoull(s, NULL, 16);
}

/* Splits line at its first FIELDS - 1 '|'; the last field keeps the rest. */
static int split(char *line, char *field[FIELDS])
{
    int n = 0;
    field[n++] = line;
    while (n < FIELDS && (line = strchr(line, '|')) != NULL) {
        *line++ = '\0';
        field[n++] = line;
    }
    return n;
}

static void answer(const struct filter *f, char *line)
{
    char copy[LINE_MAX_IN], out[DSN_OPENSMTPD_LINE_MAX + 2], *field[FIELDS];
    uint64_t reqid, token;
    (void)snprintf(copy, sizeof copy, "%s", line);
    if (split(line, field) != FIELDS || strcmp(field[0], "filter") != 0 ||
        strcmp(field[3], "smtp-in") != 0 || strcmp(field[4], "rcpt-to") != 0)
        die("unexpected line", copy);
    if (strcmp(field[1], "0.5") != 0 && strcmp(field[1], "0.6") != 0 &&
        strcmp(field[1], "0.7") != 0)
        die("unsupported protocol version", copy);
    reqid = parse_id(field[5], copy);
    token = parse_id(field[6], copy);
    if (known(f, field[7]))
        (void)snprintf(out, sizeof out,
                       "filter-result|%016" PRIx64 "|%016" PRIx64 "|proceed\n",
                       reqid, token);
    else if (dsn_opensmtpd_line(reqid, token, &f->reply, f->flags, out,
                                sizeof out) < 0)
        die("reply", copy); /* checked at start: cannot happen */
    put(out);
}

static void run(const struct filter *f)
{
    char line[LINE_MAX_IN];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = strcspn(line, "\n");
        if (line[n] != '\n' && !feof(stdin))
            die("line too long", line);
        line[n] = '\0';
        if (strncmp(line, "config|", 7) == 0) {
            if (strcmp(line, "config|ready") == 0)
                put("register|filter|smtp-in|rcpt-to\nregister|ready\n");
            continue;
        }
        answer(f, line);
    }
}

int main(int argc, char **argv)
{
    const char *name = "no_such_user";
    static char msg[2 * DSN_OPENSMTPD_LINE_MAX];
    long code = 0;
    struct filter f;
    int opt, err;
    memset(&f, 0, sizeof f);
    while ((opt = getopt(argc, argv, "r:m:c:d")) != -1) {
        switch (opt) {
        case 'r':
            name = optarg;
            break;
        case 'm':
            add_line(msg, sizeof msg, optarg);
            break;
        case 'c':
            code = strtol(optarg, NULL, 10);
            if (!dsn_code_valid((int)code))
                die("-c: not a reply code [245][0-5][0-9]", optarg);
            break;
        case 'd':
            f.flags |= DSN_OPENSMTPD_DISCONNECT;
            break;
        case '?': /* an unknown option, or one without its value */
        default:  /* getopt returns nothing else */
            (void)fputs(usage, stderr);
            return 2;
        }
    }
    f.users = argv + optind;
    f.user_count = argc - optind;
    if (dsn_by_name(name, strlen(name), msg, (int)code, &f.reply) < 0)
        die("no such libdsn function", name);
    /* the one reply this filter sends must be one it can write */
    err = dsn_opensmtpd_result(&f.reply, f.flags, NULL, 0);
    if (err < 0)
        die("reply", dsn_strerror(err));
    run(&f);
    return 0;
}
