/*
 * not_utf8_cases.h - texts with bytes >= 0x80, and what every writer of
 * text (the reply formatter, the delivery-status fields) puts for them:
 * where UTF-8 may go out, well-formed UTF-8 passes and any other byte
 * >= 0x80 is '?'; where only ASCII may, every byte >= 0x80 is '?'. One
 * byte is one byte either way; a control byte is removed, and breaks the
 * character it stands in. Well-formed is RFC 3629's: no overlongs,
 * surrogates, code points above U+10FFFF, F5..FF, or cut sequences.
 * ("\?" where "??" would start a trigraph.)
 */
#ifndef DSN_TESTS_NOT_UTF8_CASES_H
#define DSN_TESTS_NOT_UTF8_CASES_H

static const struct {
    const char *in, *utf8, *ascii;
} not_utf8_cases[] = {
    /* the GBK reply of issue 14 */
    {"blocked ip (\xb7\xa2\xd0\xc5)", "blocked ip (?\?\?\?)",
     "blocked ip (?\?\?\?)"},
    /* well-formed UTF-8 of 2, 3 and 4 octets */
    {"\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9", "??t??"},
    {"d\xc3\xa9j\xc3\xa0 vu", "d\xc3\xa9j\xc3\xa0 vu", "d??j?? vu"},
    {"\xf0\x9f\x98\x80!", "\xf0\x9f\x98\x80!", "?\?\?\?!"},
    {"\xe6\x97\xa5\xf0\x9f\x98\x80", "\xe6\x97\xa5\xf0\x9f\x98\x80", "???????"},
    /* stray continuation bytes, overlongs, a surrogate, above U+10FFFF,
     * F5..FF */
    {"\x80\xbf", "??", "??"},
    {"\xc0\xaf \xe0\x80\xaf", "?? ???", "?? ???"},
    {"\xc0\xaf \xed\xa0\x80", "?? ???", "?? ???"},
    {"\xed\xa0\x80", "???", "???"},
    {"\xf4\x90\x80\x80", "????", "????"},
    {"\xf5\xff", "??", "??"},
    /* cut short by the end and by another byte */
    {"x\xe2\x82", "x??", "x??"},
    {"\xf4\x90\x80\x80 x\xe2\x82", "???? x??", "???? x??"},
    {"\xe2\x82x\xc3", "??x?", "??x?"},
    /* a control byte inside a character breaks it */
    {"\xc3\x01\xa9", "??", "??"},
};

#endif /* DSN_TESTS_NOT_UTF8_CASES_H */
