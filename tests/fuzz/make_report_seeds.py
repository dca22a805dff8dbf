#!/usr/bin/env python3
"""Writes the seeds of fuzz_report into tests/fuzz/corpus/fuzz_report/: a
few small real bounces of the shared corpus (Sisimai's set-of-emails, BSD
2-Clause, its LICENSE copied beside them) that reach the reader's paths
(multipart/report, a DSN part in multipart/mixed, nested multiparts, an
encoded part, fields out of order, an ARF report), and two written here
(message/global-delivery-status in base64, quoted-printable with folds).
Each seed is the scratch-size byte (255: twice the message), then the
message. Usage: make_report_seeds.py [BOUNCES-DIR]"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BOUNCES = sys.argv[1] if len(sys.argv) > 1 else next(
    (d for d in (os.path.join(ROOT, "..", "shared", "bounces"),
                 os.path.join(ROOT, "..", "..", "shared", "bounces"))
     if os.path.isdir(d)), "../shared/bounces")
PICKED = ["lhost-x3-06.eml", "rhost-facebook-04.eml",
          "lhost-opensmtpd-17.eml", "rhost-messagelabs-02.eml",
          "lhost-postfix-53.eml", "lhost-exim-44.eml", "arf-11.eml",
          "lhost-messagingserver-02.eml"]
WRITTEN = {
    "global-base64": b"Content-Type: multipart/mixed; boundary=o\n\n"
    b"--o\nContent-Type: multipart/alternative; boundary=\"i\"\n\n"
    b"--i\nContent-Type: message/global-delivery-status\n"
    b"Content-Transfer-Encoding: base64\n\n"
    b"UmVwb3J0aW5nLU1UQTogZG5zOyBtCgpGaW5hbC1SZWNpcGllbnQ6IHV0Zi04Oy\n"
    b"Bqw7ZAeAo=\n--o\nContent-Type: text/rfc822-headers\n\n"
    b"Message-Id:\n <m.1@x>\n\n--o--\n",
    "qp-folds": b"Content-Type: multipart/report; boundary=b\r\n\r\n"
    b"--b\r\nContent-Type: message/delivery-status\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Reporting-MTA: dns; q=3Dm=\r\n.example\r\n\r\n"
    b"Final-Recipient: rfc822; <a@b>\r\nAction: failed\r\nStatus: 5.0.0\r\n"
    b"Diagnostic-Code: smtp; 550 5.1.1 very =\r\nlong\r\n  folded\r\n"
    b"--b--\r\n",
}


def main():
    out = os.path.join(HERE, "corpus", "fuzz_report")
    os.makedirs(out, exist_ok=True)
    for name in PICKED:
        with open(os.path.join(BOUNCES, name), "rb") as f:
            msg = f.read()
        with open(os.path.join(out, name[:-4]), "wb") as f:
            f.write(b"\xff" + msg)
    for name, msg in WRITTEN.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(b"\xff" + msg)
    with open(os.path.join(out, "small-scratch"), "wb") as f:
        f.write(b"\x20" + WRITTEN["qp-folds"])
    shutil.copy(os.path.join(BOUNCES, "LICENSE"),
                os.path.join(out, "LICENSE.set-of-emails"))


if __name__ == "__main__":
    main()
