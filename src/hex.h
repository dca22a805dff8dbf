/*
 * hex.h - hexadecimal digits, written once for every codec of src/: the
 * boundary of the bounce writer (RFC 2046 section 5.1.1), quoted-printable
 * (RFC 2045 section 6.7) and xtext (RFC 3461 section 4). Not installed;
 * not part of the API.
 */
#ifndef DSN_HEX_H
#define DSN_HEX_H

/* Which digits a reader takes: RFC 3461 allows only "upper case
 * hexadecimal digits"; RFC 2045 6.7 (1) lets a robust reader take lower
 * case too. */
enum { DSN_HEX_UPPER = 0, DSN_HEX_EITHER_CASE = 1 };

/* The value 0..15 of the hex digit c ("0".."9", "A".."F", and "a".."f"
 * when letters is DSN_HEX_EITHER_CASE), or -1 for any other byte. */
static inline int dsn_hex_value(char c, int letters)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (letters == DSN_HEX_EITHER_CASE && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* The upper-case digit of v & 15: every writer of src/ writes upper case,
 * which RFC 2045 6.7 and RFC 3461 section 4 require. */
static inline char dsn_hex_digit(unsigned v)
{
    return "0123456789ABCDEF"[v & 15];
}

#endif /* DSN_HEX_H */
