/* An enhanced status code as text: dsn_status_format() (dsn/base.h). */
#include "dsn.h"
#include "digits.h"
#include "sink.h"

size_t dsn_status_format(const dsn_status *st, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    if (dsn_status_valid(st)) {
        char text[DSN_STATUS_MAX];
        dsn_sink_put(&o, text,
                     dsn_put_status(text, st->cls, st->subject, st->detail));
    }
    return dsn_sink_end(&o);
}
