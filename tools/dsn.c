/*
 * dsn - print the SMTP reply of a libdsn function.
 *
 *     dsn no_such_user                      550 5.1.1 No such user
 *     dsn mbox_full "Mailbox full, try later" 452
 *
 * The reply goes to stdout exactly as it goes on the wire, CRLF included.
 * Exit status: 0 printed, 2 usage error or unknown name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsn.h"

static const char usage[] =
    "usage: dsn NAME [MESSAGE [CODE]]\n"
    "       dsn --help\n"
    "\n"
    "Prints the SMTP reply of libdsn's function dsn_NAME as it goes on the\n"
    "wire (CRLF line ends). MESSAGE replaces the default text; '\\n' in it\n"
    "starts a new reply line. CODE replaces the default basic reply code\n"
    "when it is a valid [245][0-5][0-9] code.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("dsn: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n\n", stderr);
    fputs(usage, stderr);
    return 2;
}

static int find_name(const char *name)
{
    int id;
    for (id = 0; id < (int)DSN_ID_COUNT; id++)
        if (strcmp(dsn_entries[id].name, name) == 0)
            return id;
    return -1;
}

static int parse_code(const char *s, int *code)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno != 0 || v < -99999 || v > 99999)
        return -1;
    *code = (int)v;
    return 0;
}

static int print_reply(const dsn_reply *r)
{
    char small[DSN_REPLY_MAX];
    size_t n = dsn_format(r, small, sizeof small);
    char *buf = small;
    int rc = 0;
    if (n >= sizeof small) {
        buf = malloc(n + 1);
        if (buf == NULL) {
            fputs("dsn: out of memory\n", stderr);
            return 1;
        }
        dsn_format(r, buf, n + 1);
    }
    if (fwrite(buf, 1, n, stdout) != n || fflush(stdout) != 0) {
        perror("dsn: write");
        rc = 1;
    }
    if (buf != small)
        free(buf);
    return rc;
}

int main(int argc, char **argv)
{
    const char *msg = NULL;
    int code = 0, id;
    dsn_reply r;

    if (argc >= 2 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc < 2 || argc > 4)
        return usage_error("%s",
                           argc < 2 ? "missing NAME" : "too many arguments");
    id = find_name(argv[1]);
    if (id < 0)
        return usage_error("unknown name '%s' (see the README table)", argv[1]);
    if (argc >= 3)
        msg = argv[2];
    if (argc == 4 && parse_code(argv[3], &code) != 0)
        return usage_error("CODE '%s' is not a number", argv[3]);
    r = dsn_from_id(id, msg, code);
    return print_reply(&r);
}
