/*
 * not_utf8_cases.h - texts with bytes >= 0x80, and what every writer of
 * text puts for them: where UTF-8 may go out, well-formed UTF-8 (RFC 3629:
 * no overlongs, surrogates, code points above U+10FFFF, C0, C1, F5..FF or
 * cut sequences) passes and any other byte >= 0x80 is '?' (utf8); where
 * only ASCII may, every byte >= 0x80 is '?' (ascii). One byte is one byte
 * either way. The reply formatter and the delivery-status fields remove a
 * control byte, which breaks the character it stands in; the dsn
 * program's JSON strings put \ufffd where utf8 has '?' (no in has one)
 * and escape control bytes. ("\?" where "??" would start a trigraph.)
 */
#ifndef DSN_TESTS_NOT_UTF8_CASES_H
#define DSN_TESTS_NOT_UTF8_CASES_H

static const struct {
    const char *in, *utf8, *ascii;
} not_utf8_cases[] = {
    /* a reply in GBK, as a Chinese server sends it */
    {"blocked ip (\xb7\xa2\xd0\xc5)", "blocked ip (?\?\?\?)",
     "blocked ip (?\?\?\?)"},
    /* well-formed UTF-8 of 2, 3 and 4 octets */
    {"\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9", "??t??"},
    {"d\xc3\xa9j\xc3\xa0 vu", "d\xc3\xa9j\xc3\xa0 vu", "d??j?? vu"},
    {"\xf0\x9f\x98\x80!", "\xf0\x9f\x98\x80!", "?\?\?\?!"},
    {"\xe6\x97\xa5\xf0\x9f\x98\x80", "\xe6\x97\xa5\xf0\x9f\x98\x80", "???????"},
    /* Latin-1 */
    {"caf\xe9", "caf?", "caf?"},
    /* stray continuation bytes, overlongs, a surrogate, above U+10FFFF,
     * C0, C1, F5..FF */
    {"\x80x", "?x", "?x"},
    {"\x80\xbf", "??", "??"},
    {"\xc0\xaf", "??", "??"},
    {"\xc0\xaf \xe0\x80\xaf", "?? ???", "?? ???"},
    {"\xc0\xaf \xed\xa0\x80", "?? ???", "?? ???"},
    {"\xed\xa0\x80", "???", "???"},
    {"\xf4\x90\x80\x80", "????", "????"},
    {"\xf5\xff", "??", "??"},
    {"\xc1\xf5\xff", "???", "???"},
    /* cut short by the end and by another byte */
    {"x\xe2\x82", "x??", "x??"},
    {"a\xe2\x82", "a??", "a??"},
    {"\xc3\"", "?\"", "?\""},
    {"\xf4\x90\x80\x80 x\xe2\x82", "???? x??", "???? x??"},
    {"\xe2\x82x\xc3", "??x?", "??x?"},
    /* a control byte inside a character breaks it */
    {"\xc3\x01\xa9", "??", "??"},
};

#endif /* DSN_TESTS_NOT_UTF8_CASES_H */
