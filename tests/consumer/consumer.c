/*
 * The program every consumer project builds against an installed or
 * embedded libdsn. It uses an inline constructor (which reads the exported
 * table dsn_entries), an exported function and the version, and checks the
 * bytes, so a missing export, header or table fails here. Also compiled as
 * C++ by the find_package consumer.
 */
#include <stdio.h>
#include <string.h>

#include <dsn.h>

static int expect(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return 0;
    fprintf(stderr, "consumer: %s: got \"%s\", want \"%s\"\n", what, got, want);
    return 1;
}

int main(void)
{
    char buf[DSN_REPLY_MAX];
    char header_version[32];
    int failed = 0;
    dsn_reply user = dsn_no_such_user(NULL, 0);
    dsn_reply auth = dsn_create(550, NULL, 7, 26);

    dsn_format(&user, buf, sizeof buf);
    failed += expect("dsn_no_such_user", buf, "550 5.1.1 No such user\r\n");
    dsn_format(&auth, buf, sizeof buf);
    failed += expect("dsn_create", buf,
                     "550 5.7.26 Multiple authentication checks failed\r\n");
    snprintf(header_version, sizeof header_version, "%d.%d.%d",
             DSN_VERSION_MAJOR, DSN_VERSION_MINOR, DSN_VERSION_PATCH);
    failed += expect("DSN_VERSION_*", header_version, DSN_VERSION_STRING);
    failed += expect("dsn_version()", dsn_version(), DSN_VERSION_STRING);
    if (failed == 0)
        printf("consumer: libdsn %s ok\n", dsn_version());
    return failed == 0 ? 0 : 1;
}
