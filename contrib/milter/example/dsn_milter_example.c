/*
 * dsn-milter-example - a milter that rejects RCPT TO listed users with
 * libdsn replies, through dsn_milter_setreply().
 *
 *     dsn-milter-example --socket inet:8891@127.0.0.1 --users FILE
 *
 * FILE has one user a line: "localpart NAME [MESSAGE]", where NAME is a
 * libdsn function without its "dsn_" (no_such_user, policy_violation, ...)
 * and MESSAGE replaces its default text, "\n" in it starting a new reply
 * line. Blank lines and lines starting with '#' are skipped:
 *
 *     ghost   no_such_user
 *     multi   policy_violation Line one\nLine two\nLine three
 *     sure    no_such_user We are 100% sure this user does not exist
 *
 * RCPT TO a listed local part (any domain, case-insensitive) gets the
 * user's reply; every other recipient goes on. Once the socket is open
 * the program prints "dsn-milter-example: listening on SOCKET" on stdout.
 * SIGTERM or SIGINT stop it (libmilter's own signal handling).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dsn_milter.h"

#define MAX_USERS 64
#define FIELD_MAX 2048

/* read once before smfi_main() starts its threads, never written after */
static struct user {
    char localpart[128];
    char message[FIELD_MAX];
    dsn_reply reply;
} users[MAX_USERS];
static size_t user_count;

static const char usage[] =
    "usage: dsn-milter-example --socket SOCKET --users FILE\n"
    "  SOCKET  libmilter address, e.g. inet:8891@127.0.0.1\n"
    "  FILE    lines \"localpart NAME [MESSAGE]\"; \\n in MESSAGE starts a "
    "line\n";

/* "\n" (backslash, n) in a users-file message starts a new reply line */
static void unescape_newlines(char *s)
{
    char *out = s;
    while (*s != '\0') {
        if (s[0] == '\\' && s[1] == 'n') {
            *out++ = '\n';
            s += 2;
        } else {
            *out++ = *s++;
        }
    }
    *out = '\0';
}

static int read_users(const char *path)
{
    char line[2 * FIELD_MAX];
    unsigned lineno = 0;
    int bad = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    while (!bad && fgets(line, sizeof line, f) != NULL) {
        char *p = line, *name, *msg;
        size_t name_len, msg_len;
        struct user *u;
        int id;
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        if (user_count == MAX_USERS) {
            (void)fprintf(stderr, "%s:%u: more than %d users\n", path, lineno,
                          MAX_USERS);
            bad = 1;
            continue;
        }
        u = &users[user_count];
        name = p + strcspn(p, " \t");
        if (*name == '\0' || (size_t)(name - p) >= sizeof u->localpart) {
            (void)fprintf(stderr, "%s:%u: want \"localpart NAME [MESSAGE]\"\n",
                          path, lineno);
            bad = 1;
            continue;
        }
        memcpy(u->localpart, p, (size_t)(name - p));
        u->localpart[name - p] = '\0';
        name += strspn(name, " \t");
        name_len = strcspn(name, " \t");
        msg = name + name_len;
        msg += strspn(msg, " \t");
        msg_len = strlen(msg);
        if (msg_len >= sizeof u->message) {
            (void)fprintf(stderr, "%s:%u: message too long\n", path, lineno);
            bad = 1;
            continue;
        }
        memcpy(u->message, msg, msg_len + 1);
        unescape_newlines(u->message);
        id = dsn_by_name(name, name_len, u->message, 0, &u->reply);
        if (id < 0) {
            (void)fprintf(stderr, "%s:%u: %.*s: %s\n", path, lineno,
                          (int)name_len, name, dsn_strerror(id));
            bad = 1;
            continue;
        }
        user_count++;
    }
    if (ferror(f)) {
        perror(path);
        bad = 1;
    }
    (void)fclose(f);
    return bad ? -1 : 0;
}

/* The user whose local part the RCPT address "<local@domain>" has. */
static const struct user *find_user(const char *addr)
{
    size_t len, i;
    if (*addr == '<')
        addr++;
    len = strcspn(addr, "@>");
    for (i = 0; i < user_count; i++)
        if (strlen(users[i].localpart) == len &&
            strncasecmp(users[i].localpart, addr, len) == 0)
            return &users[i];
    return NULL;
}

static sfsistat on_rcpt(SMFICTX *ctx, char **argv)
{
    const struct user *u =
        argv != NULL && argv[0] != NULL ? find_user(argv[0]) : NULL;
    if (u == NULL)
        return SMFIS_CONTINUE;
    if (dsn_milter_setreply(ctx, &u->reply) != MI_SUCCESS)
        return SMFIS_TEMPFAIL; /* the MTA's own 4xx */
    return u->reply.code / 100 == 4 ? SMFIS_TEMPFAIL : SMFIS_REJECT;
}

int main(int argc, char **argv)
{
    static struct smfiDesc desc;
    const char *sock = NULL, *users_file = NULL;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            (void)fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc) {
            sock = argv[++i];
        } else if (strcmp(argv[i], "--users") == 0 && i + 1 < argc) {
            users_file = argv[++i];
        } else {
            (void)fprintf(stderr, "dsn-milter-example: bad argument '%s'\n%s",
                          argv[i], usage);
            return 2;
        }
    }
    if (sock == NULL || users_file == NULL) {
        (void)fputs(usage, stderr);
        return 2;
    }
    if (read_users(users_file) != 0)
        return 1;

    desc.xxfi_name = "dsn-milter-example";
    desc.xxfi_version = SMFI_VERSION;
    desc.xxfi_flags = 0;
    desc.xxfi_envrcpt = on_rcpt;
    if (smfi_setconn((char *)sock) != MI_SUCCESS ||
        smfi_register(desc) != MI_SUCCESS || smfi_opensocket(1) != MI_SUCCESS) {
        (void)fprintf(stderr, "dsn-milter-example: cannot listen on %s\n",
                      sock);
        return 1;
    }
    (void)printf("dsn-milter-example: listening on %s\n", sock);
    (void)fflush(stdout);
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}
