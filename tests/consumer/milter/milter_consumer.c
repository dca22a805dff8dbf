/*
 * A milter program built against an installed libdsn-milter (CMake's
 * dsn::milter, pkg-config's libdsn-milter): it registers a filter whose
 * RCPT callback answers with dsn_milter_setreply(), so the adapter,
 * libdsn and libmilter must all link; it runs the adapter's refusal of a
 * missing context and libmilter's registration, then exits without
 * serving.
 */
#include <stdio.h>
#include <string.h>

#include <libmilter/mfapi.h>

#include <dsn_milter.h>

static sfsistat on_rcpt(SMFICTX *ctx, char **argv)
{
    dsn_reply r = dsn_no_such_user(NULL, 0);
    (void)argv;
    return dsn_milter_setreply(ctx, &r) == MI_SUCCESS ? SMFIS_REJECT
                                                      : SMFIS_TEMPFAIL;
}

int main(void)
{
    struct smfiDesc desc;
    dsn_reply r = dsn_no_such_user(NULL, 0);
    memset(&desc, 0, sizeof desc);
    desc.xxfi_name = (char *)"libdsn-consumer";
    desc.xxfi_version = SMFI_VERSION;
    desc.xxfi_envrcpt = on_rcpt;
    if (dsn_milter_setreply(NULL, &r) != MI_FAILURE) {
        fputs("milter consumer: a NULL context was accepted\n", stderr);
        return 1;
    }
    if (smfi_register(desc) != MI_SUCCESS) {
        fputs("milter consumer: smfi_register failed\n", stderr);
        return 1;
    }
    puts("milter consumer: ok");
    return 0;
}
