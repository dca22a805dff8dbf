#!/usr/bin/env python3
"""Writes the seed corpus of every harness into tests/fuzz/corpus/<harness>/.
Seeds follow each harness's input layout (parameter bytes, then text), so
the fuzzer starts from inputs that reach deep paths. Rerun after changing a
layout; the files are committed."""
import os, struct

HERE = os.path.dirname(os.path.abspath(__file__))
LONG = b"word " * 130
UTF8 = "Bo\u00eete pleine \u2014 \U0001F4E7 ".encode() * 40
TEXTS = [b"", b"No such user", b"first\nsecond\nthird", b"a\r\nb\x00c\x7f",
         LONG, UTF8, b"x" * 1100, b"\n\n\n", b"5.1.1 already coded"]

def u16(v):
    return struct.pack(">H", v & 0xFFFF)

def seeds():
    out = {"fuzz_format": [], "fuzz_roundtrip": [], "fuzz_parse": [],
           "fuzz_delivery": []}
    for i, t in enumerate(TEXTS):
        for mode in range(8):
            head = bytes([mode, i * 7]) + u16(0x8000 | 550) + u16(17) + \
                u16(17) + bytes([mode & 3]) + u16(i * 13)
            out["fuzz_format"].append(head + t)
        out["fuzz_roundtrip"].append(bytes([i % 8, i]) + u16(451) + t)
    replies = [b"250 OK\r\n", b"550-5.1.1 first\r\n550 5.1.1 second\r\n",
               b"421 4.7.0 Try again later\n", b"250-mx.example.com\r\n250-SIZE\r\n250 8BITMIME\r\n",
               b"550 #5.1.0 Address rejected\r\n", b"451  4.3.0 indented\r\n",
               b"5.7.1", b"250", b"550 5.1.1  https://support.google.com\r\n"]
    for i, r in enumerate(replies):
        out["fuzz_parse"].append(bytes([i % 8, 8]) + u16(512) + r)
    out["fuzz_delivery"] += [b"\x01no_such_user", b"\x01mbox_full", b"\x01nope"]
    fields = b"user@example.com\x00orig@example.com\x00mx.example.com\x00" \
        b"550-5.1.1 first\n550 5.1.1 second\x00Mon, 1 Jan 2024 00:00:00 +0000\x00x"
    for sel in (0x00, 0x10, 0x20):
        out["fuzz_delivery"].append(bytes([sel, 0xFF]) + u16(40) + u16(550) +
                                    bytes([5]) + u16(1) + u16(1) + fields)
        out["fuzz_delivery"].append(bytes([sel, 0x3F]) + u16(0) + u16(451) +
                                    bytes([4]) + u16(4) + u16(2) + UTF8 + b"\x00" + LONG)
    out["fuzz_bounce_write"] = bounce_seeds()
    out["fuzz_adapters"] = adapter_seeds()
    return out


def adapter_seeds():
    """fuzz_adapters: mode (constructor, writer), id, code, subject,
    detail, flags, verb, cut, then the message: every writer over the
    texts, a 421, a 2yz and a class that does not fit the verb."""
    seeds = []
    for i, t in enumerate(TEXTS + [b"w" * 3000, b"abcdefghi " * 300]):
        for which in range(4):
            mode = which << 2 | (i & 1)
            code = (421, 550, 452, 250)[(i + which) % 4]
            seeds.append(bytes([mode, 30 + i]) + u16(code) + u16(1) + u16(1) +
                         bytes([i & 1, (4, 5, 0)[i % 3]]) + u16(i * 37) + t)
    return seeds


def bounce_seeds():
    """fuzz_bounce_write: flags, count, per recipient (action, class,
    subject, detail, code, present), cut, then the strings and the
    original."""
    rcpt = lambda act, cls, sub, det, code, pres: bytes([act, cls]) + \
        u16(sub) + u16(det) + u16(code) + bytes([pres])
    head = b"mail.example.org\x00alice@example.org\x00" \
        b"Mon, 30 Nov 2026 10:22:53 +0000\x00<r1@mail.example.org>\x00QQ+2B31\x00"
    original = b"From: a@example.org\r\nMessage-ID: <m@example.org>\r\n\r\n" \
        b"body\n--=_libdsn_0000000000000000\nend\r"
    seeds = []
    for flags in (0x17, 0x5F, 0x97, 0x3F, 0xD3):
        one = rcpt(1, 5, 1, 1, 550, 0x87)
        seeds.append(bytes([flags, 0]) + one + u16(300) + head +
                     b"gone@example.net\x00orig@example.net\x00mx.example.net\x00"
                     b"550 5.1.1 No such user\x00Custom text\x00" + original)
    several = rcpt(1, 5, 2, 2, 552, 0x86) + rcpt(2, 4, 4, 1, 451, 0x8E) + \
        rcpt(3, 2, 0, 0, 250, 0x80) + rcpt(0, 5, 4, 7, 0, 0x84)
    strings = b"a@x.example\x00mx.example\x00552 full\x00b@x.example\x00" \
        b"mx.example\x00451 later\x00c@x.example\x00d@x.example\x00" \
        b"expired \xb7\xa2\x00"
    seeds.append(bytes([0x13, 3]) + several + u16(5000) + head + strings +
                  original + b"x" * 1100 + b"\n")
    seeds.append(bytes([0x93, 0]) + rcpt(1, 5, 1, 1, 550, 0x85) + u16(77) +
                 head + "j\u00f8rn@example.no\x00".encode() +
                 b"550 5.1.1 \xc3\xb8 \xff\x00" + original)
    seeds.append(bytes([0x17, 0]) + rcpt(0, 5, 7, 1, 554, 0x87) + u16(9) +
                 head + b"v@x\r\nBcc: e@x\x00o@x\nX: y\x00mx\r\n\r\n--=_x\x00"
                 b"554 a\r\n\r\nContent-Type: text/html\x00" + original)
    return seeds


for name, items in seeds().items():
    d = os.path.join(HERE, "corpus", name)
    os.makedirs(d, exist_ok=True)
    for i, data in enumerate(items):
        with open(os.path.join(d, "seed-%02d" % i), "wb") as f:
            f.write(data)
