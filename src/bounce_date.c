/* RFC 5322 section 3.3 date-time from a broken-down time, without a clock
 * or the C library's locale and time zone state. */
#include "dsn/bounce.h"
#include "sink.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30,
                                           31, 31, 30, 31, 30, 31};
    return days[m] + (m == 1 && is_leap(y));
}

/* 0 = Sunday, by Sakamoto's method (valid for the Gregorian calendar). */
static int weekday(int y, int m, int d)
{
    static const unsigned char t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 2)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m] + d) % 7;
}

static void put_num(dsn_sink *o, int v, int width)
{
    char d[4];
    int i;
    for (i = width - 1; i >= 0; i--) {
        d[i] = (char)('0' + v % 10);
        v /= 10;
    }
    dsn_sink_put(o, d, (size_t)width);
}

size_t dsn_rfc5322_date(const struct tm *tm, int utc_offset_minutes, char *buf,
                        size_t size)
{
    static const char names[] = "SunMonTueWedThuFriSat";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    dsn_sink o = dsn_sink_make(buf, size);
    int y, off;
    /* every int is range-checked before arithmetic on it */
    if (tm == NULL || tm->tm_year < 0 || tm->tm_year > 9999 - 1900 ||
        tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 ||
        tm->tm_hour < 0 || tm->tm_hour > 23 || tm->tm_min < 0 ||
        tm->tm_min > 59 || tm->tm_sec < 0 || tm->tm_sec > 60 ||
        utc_offset_minutes < -1439 || utc_offset_minutes > 1439) {
        dsn_sink_end(&o);
        return 0;
    }
    y = tm->tm_year + 1900;
    if (tm->tm_mday > days_in_month(y, tm->tm_mon)) {
        dsn_sink_end(&o);
        return 0;
    }
    dsn_sink_put(&o, names + (size_t)(3 * weekday(y, tm->tm_mon, tm->tm_mday)),
                 3);
    dsn_sink_put(&o, ", ", 2);
    put_num(&o, tm->tm_mday, tm->tm_mday >= 10 ? 2 : 1);
    dsn_sink_put(&o, " ", 1);
    dsn_sink_put(&o, months + (size_t)(3 * tm->tm_mon), 3);
    dsn_sink_put(&o, " ", 1);
    put_num(&o, y, 4);
    dsn_sink_put(&o, " ", 1);
    put_num(&o, tm->tm_hour, 2);
    dsn_sink_put(&o, ":", 1);
    put_num(&o, tm->tm_min, 2);
    dsn_sink_put(&o, ":", 1);
    put_num(&o, tm->tm_sec, 2);
    off = utc_offset_minutes;
    dsn_sink_put(&o, off < 0 ? " -" : " +", 2);
    if (off < 0)
        off = -off;
    put_num(&o, off / 60, 2);
    put_num(&o, off % 60, 2);
    return dsn_sink_end(&o);
}
