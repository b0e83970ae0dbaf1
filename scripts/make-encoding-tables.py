#!/usr/bin/env python3
"""Writes Dictionaries/encoding-*.tsv, the legacy Vietnamese encodings as data.
TCVN3 (ABC, the VN3 subset of TCVN 5712:1993) and VISCII come from glibc's iconv tables, VPS from
GNU recode's; VNI-Windows and VIQR are built from their composition rules (a base letter followed
by mark characters). Run it again only to regenerate; the TSV files are what the program reads.
Each row: legacy sequence as hex code points of the single-byte (Windows-1252 for 0x80-0x9F)
characters, or as text for VIQR; the Unicode letter (NFC); its name."""
import subprocess, unicodedata, os, sys
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Dictionaries")

def iconv(byte, enc):
    r = subprocess.run(["iconv", "-f", enc, "-t", "UTF-8"], input=bytes([byte]), capture_output=True)
    return r.stdout.decode("utf-8") if r.returncode == 0 else None

def viet(c):
    if c in "đĐ": return True
    d = unicodedata.normalize("NFD", c)
    return len(d) > 1 and d[0].lower() in "aeiouy" or c in "ăâêôơưĂÂÊÔƠƯ"

def write(name, rows, header):
    with open(os.path.join(out, f"encoding-{name}.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        for seq, u in rows:
            f.write(f"{seq}\t{u}\t{unicodedata.name(u).lower()}\n")

def hexseq(bs): return " ".join(f"{b:02X}" for b in bs)

# TCVN3 (ABC): the VN3 subset keeps the lowercase letters of VN1 and the seven bare capitals;
# capitals with tone marks exist only in the uppercase fonts (.VnTimeH), at the lowercase places.
rows = []
for b in range(0xA1, 0x100):
    c = iconv(b, "TCVN5712-1")
    if c and viet(c) and (c.islower() or 0xA1 <= b <= 0xA7):
        rows.append((hexseq([b]), c))
assert len(rows) == 74, len(rows)
write("tcvn3", rows, "# TCVN3 (ABC, TCVN 5712:1993 VN3): byte\tUnicode\tname. 67 lowercase letters, 7 capitals.\n"
      "# An uppercase font (.VnTimeH) shows the lowercase places as capitals.\n")

rows = []
for b in range(0x00, 0x100):
    c = iconv(b, "VISCII")
    if c and viet(c): rows.append((hexseq([b]), c))
assert len(rows) == 134, len(rows)
write("viscii", rows, "# VISCII (RFC 1456): byte\tUnicode\tname. All 134 letters with marks, some in C0.\n")

rows = []
lines = subprocess.run(["recode", "-lf", "VPS"], capture_output=True).stdout.decode("latin-1").splitlines()
for l in lines:
    f = l.split()
    if len(f) >= 4 and f[0].isdigit() and len(f[3]) == 4:
        b, c = int(f[0]), chr(int(f[3], 16))
        if viet(c): rows.append((hexseq([b]), c))
# recode's table leaves 0x99 unassigned; VPS puts Ỗ there (the one letter missing otherwise).
if not any(u == "Ỗ" for _, u in rows): rows.append(("99", "Ỗ"))
assert len({u for _, u in rows}) == 134, len(rows)
write("vps", rows, "# VPS: byte\tUnicode\tname.\n")
print("vps", len(rows), file=sys.stderr)

# VNI-Windows: a base letter followed by one or two mark characters.
tones = {"": "", "\u0301": "\u00f9", "\u0300": "\u00f8", "\u0309": "\u00fb", "\u0303": "\u00f5", "\u0323": "\u00ef"}
circ = {"": "\u00e2", "\u0301": "\u00e1", "\u0300": "\u00e0", "\u0309": "\u00e5", "\u0303": "\u00e3", "\u0323": "\u00e4"}
breve = {"": "\u00ea", "\u0301": "\u00e9", "\u0300": "\u00e8", "\u0309": "\u00fa", "\u0303": "\u00fc", "\u0323": "\u00eb"}
itone = {"\u0301": "\u00ed", "\u0300": "\u00ec", "\u0309": "\u00e6", "\u0303": "\u00f3", "\u0323": "\u00f2"}
rows = []
def add(seq, base, marks):
    for case in (str.lower, str.upper):
        s = "".join(case(ch) for ch in seq)
        u = unicodedata.normalize("NFC", case(base) + marks)
        rows.append((hexseq([ord(ch) for ch in s]), u))
for t, m in tones.items():
    if t:
        for v in "aeouy": add(v + m, v, t)
    add("\u00f4" + m, "o", "\u031b" + t)   # ơ is ô-glyph
    add("\u00f6" + m, "u", "\u031b" + t)   # ư is ö-glyph
for t in tones:
    add("a" + circ[t], "a", "\u0302" + t); add("e" + circ[t], "e", "\u0302" + t); add("o" + circ[t], "o", "\u0302" + t)
    add("a" + breve[t], "a", "\u0306" + t)
for t, m in itone.items(): add(m, "i", t)
add("\u00ee", "y", "\u0323")               # ỵ has its own glyph; "yï" is not used
rows = [r for r in rows if r[0] != hexseq([ord("Y"), 0xCF]) and r[0] != hexseq([ord("y"), 0xEF])]
add("\u00f1", "d\u0335", "") if False else None
rows.append(("F1", "đ")); rows.append(("D1", "Đ"))
seen = set(); uniq = []
for r in rows:
    if r[0] not in seen: seen.add(r[0]); uniq.append(r)
write("vni", uniq, "# VNI-Windows: mark-character sequence (hex)\tUnicode\tname. A letter is a base letter and\n"
      "# one or two following marks; the longest sequence wins. i and ỵ have glyphs of their own.\n")
print("vni", len(uniq), file=sys.stderr)

# VIQR (RFC 1456): ASCII mnemonics after the vowel: ( breve, ^ circumflex, + horn; ' ` ? ~ . tones; dd đ.
vq = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}
rows = []
for base, mods in [("a", ["", "(", "^"]), ("e", ["", "^"]), ("i", [""]), ("o", ["", "^", "+"]), ("u", ["", "+"]), ("y", [""])]:
    for mod in mods:
        comb = {"": "", "(": "\u0306", "^": "\u0302", "+": "\u031b"}[mod]
        for t in [""] + list(vq):
            if not mod and not t: continue
            for case in (str.lower, str.upper):
                rows.append((case(base) + mod + (vq[t] if t else ""), unicodedata.normalize("NFC", case(base) + comb + t)))
rows += [("dd", "đ"), ("DD", "Đ"), ("Dd", "Đ")]
with open(os.path.join(out, "encoding-viqr.tsv"), "w", encoding="utf-8") as f:
    f.write("# VIQR (RFC 1456): ASCII mnemonic\tUnicode\tname. A backslash before a mark keeps it literal.\n")
    for seq, u in rows: f.write(f"{seq}\t{u}\t{unicodedata.name(u).lower()}\n")
print("viqr", len(rows), file=sys.stderr)
