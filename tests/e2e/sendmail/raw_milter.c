/*
 * sendmail-raw-milter - a milter that hands libmilter replies that libdsn
 * never builds, to show what Sendmail does with them (sendmail.sh):
 *
 *     RCPT TO lone@...    smfi_setreply(ctx, "550", "5.1.1",
 *                                       "We are 100% sure")   a lone '%'
 *     RCPT TO class@...   smfi_setreply(ctx, "550", "4.1.1",
 *                                       "Class mismatch")    4.x.x in a 5yz
 *
 * every other recipient goes on. Usage: sendmail-raw-milter SOCKET; prints
 * "sendmail-raw-milter: listening on SOCKET" once the socket is open.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libmilter/mfapi.h>

static sfsistat on_rcpt(SMFICTX *ctx, char **argv)
{
    const char *rcpt = argv[0] != NULL ? argv[0] : "";
    if (*rcpt == '<')
        rcpt++;
    if (strncasecmp(rcpt, "lone@", 5) == 0)
        return smfi_setreply(ctx, (char *)"550", (char *)"5.1.1",
                             (char *)"We are 100% sure") == MI_SUCCESS
                   ? SMFIS_REJECT
                   : SMFIS_TEMPFAIL;
    if (strncasecmp(rcpt, "class@", 6) == 0)
        return smfi_setreply(ctx, (char *)"550", (char *)"4.1.1",
                             (char *)"Class mismatch") == MI_SUCCESS
                   ? SMFIS_REJECT
                   : SMFIS_TEMPFAIL;
    return SMFIS_CONTINUE;
}

int main(int argc, char **argv)
{
    struct smfiDesc desc;
    if (argc != 2) {
        (void)fputs("usage: sendmail-raw-milter SOCKET\n", stderr);
        return 2;
    }
    memset(&desc, 0, sizeof desc);
    desc.xxfi_name = (char *)"sendmail-raw-milter";
    desc.xxfi_version = SMFI_VERSION;
    desc.xxfi_envrcpt = on_rcpt;
    if (smfi_setconn(argv[1]) != MI_SUCCESS ||
        smfi_register(desc) != MI_SUCCESS || smfi_opensocket(1) != MI_SUCCESS) {
        (void)fprintf(stderr, "sendmail-raw-milter: cannot listen on %s\n",
                      argv[1]);
        return 1;
    }
    printf("sendmail-raw-milter: listening on %s\n", argv[1]);
    (void)fflush(stdout);
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}
