/*
 * dsn_local_scan_example.so - a local_scan() for Debian's Exim
 * (local_scan_path) that refuses a message without the Date: or From:
 * header RFC 5322 3.6 requires, with a two-line libdsn reply through
 * dsn_exim_local_scan():
 *
 *     550-5.6.0 Message lacks a Date: header
 *     550 5.6.0 RFC 5322 section 3.6 requires Date: and From:
 *
 * (Exim adds neither header to a message that comes by SMTP unless told
 * to, so the check sees what the client sent.) Every other message is
 * accepted.
 *
 *     local_scan_path = /usr/local/lib/dsn_local_scan_example.so
 */
#define LOCAL_SCAN
#include <local_scan.h>

#include <stdio.h>

#include "dsn_exim.h"

/* Debian's loader checks the ABI this object was built for. */
DSN_EXIM_EXPORT int local_scan_version_major(void);
DSN_EXIM_EXPORT int local_scan_version_minor(void);

int local_scan_version_major(void)
{
    return LOCAL_SCAN_ABI_VERSION_MAJOR;
}

int local_scan_version_minor(void)
{
    return LOCAL_SCAN_ABI_VERSION_MINOR;
}

static int has_header(const char *name, int len)
{
    header_line *h;
    for (h = header_list; h != NULL; h = h->next)
        if (header_testname(h, US name, len, TRUE)) /* TRUE: not deleted */
            return 1;
    return 0;
}

int local_scan(int fd, uschar **return_text)
{
    const char *missing = !has_header("Date", 4)   ? "Message lacks a Date: "
                                                     "header\n"
                          : !has_header("From", 4) ? "Message lacks a From: "
                                                     "header\n"
                                                   : NULL;
    char text[128];
    dsn_reply r;
    (void)fd;
    if (missing == NULL)
        return LOCAL_SCAN_ACCEPT;
    (void)snprintf(text, sizeof text,
                   "%sRFC 5322 section 3.6 requires "
                   "Date: and From:",
                   missing);
    r = dsn_media_unspecified(text, 550);
    return dsn_exim_local_scan(&r, return_text);
}
