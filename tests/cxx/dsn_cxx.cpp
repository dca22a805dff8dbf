// The public headers compile as C++ (extern "C", no C-only syntax) and link
// against the C library: built with g++ -std=c++11 by
// .ci/steps/23-compiler-matrix.sh. Exits 1 on a wrong answer.
#include "dsn.h"

#include <cstdio>
#include <cstring>

static int failures = 0;

static void expect(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "dsn_cxx: %s\n", what);
        failures++;
    }
}

int main()
{
    const dsn_entry &first = dsn_entries[0];
    dsn_reply r = dsn_from_id(0, NULL, 0);
    char buf[DSN_REPLY_MAX];
    size_t n = dsn_format(&r, buf, sizeof buf);
    expect(n > 0 && n < sizeof buf, "format length");
    expect(std::strstr(buf, first.message) != NULL, "default text");

    dsn_reply named;
    int id = dsn_by_name(first.name, first.name_len, NULL, 0, &named);
    expect(id == 0, "dsn_by_name finds row 0");

    dsn_parsed_reply p;
    dsn_slice lines[2];
    int used = dsn_parse_reply(buf, n, &p, lines, 2, NULL);
    expect(used == (int)n, "parse takes the whole reply");
    expect(p.code == r.code, "parsed code");

    dsn_status st;
    expect(dsn_parse_status("5.1.1", 5, &st) == 5 && st.detail == 1,
           "parse status");
    expect(dsn_describe(1, 1) != NULL, "registry");

    static const char bounce[] = "Content-Type: message/delivery-status\n\n"
                                 "Final-Recipient: rfc822; a@b\n"
                                 "Status: 5.0.0\n"
                                 "Diagnostic-Code: smtp; 550 5.1.1 gone\n";
    dsn_report rep;
    dsn_report_recipient rcpt;
    expect(dsn_report_read(bounce, sizeof bounce - 1, NULL, 0, &rep) ==
                   DSN_OK &&
               dsn_report_next(&rep, &rcpt) == 1 &&
               dsn_report_status(&rcpt, &st) == DSN_OK && st.detail == 1,
           "report read");
    return failures == 0 ? 0 : 1;
}
