#!/usr/bin/env python3
"""The naive baseline `vanban-bench refs` measures `vanban refs` against: one regular expression
for a numbered document mention, an optional type name from Dictionaries/document-types.tsv,
"số", and the symbol ("Kế hoạch số 44/KH-UBND", "57-NQ/TW", "02/2025/TT-BGDĐT"); no dates,
issuers, named programmes, merging or output. Prints the number of matches.
    refs_naive.py TEXT_FILE [DOCUMENT_TYPES_TSV | --symbols-only]"""
import os, re, sys

tsv = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "Dictionaries", "document-types.tsv")
names = set()
for line in open(tsv, encoding="utf-8") if tsv != "--symbols-only" else []:
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    names.update(n.strip() for n in [f[1]] + (f[3].split(",") if len(f) > 3 else []) if n.strip())
types = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
PAT = re.compile((r"(?:(?i:" + types + r")\s+)?" if types else "") + r"(?:[Ss]ố\s*:?\s*)?\b\d{1,6}(?:/\d{4})?\s?[/-]\s?" + SEG + r"(?:[-/]" + SEG + r")*")

text = open(sys.argv[1], encoding="utf-8").read()
print(sum(1 for _ in PAT.finditer(text)))
