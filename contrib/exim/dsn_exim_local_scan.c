/* dsn_exim_local_scan(): dsn_exim_local_scan_text() into Exim's memory. */
#define LOCAL_SCAN
#include <local_scan.h>

#include "dsn_exim.h"

int dsn_exim_local_scan(const dsn_reply *r, unsigned char **return_text)
{
    char buf[DSN_EXIM_BUF_SIZE];
    int code = dsn_exim_local_scan_code(r);
    int n = code < 0 ? code : dsn_exim_local_scan_text(r, buf, sizeof buf);
    if (n < 0) {
        log_write(0, LOG_MAIN, "dsn_exim_local_scan: %s", dsn_strerror(n));
        *return_text = NULL;
        return LOCAL_SCAN_TEMPREJECT;
    }
    *return_text = string_copy(US buf);
    return code == 550 ? LOCAL_SCAN_REJECT : LOCAL_SCAN_TEMPREJECT;
}
