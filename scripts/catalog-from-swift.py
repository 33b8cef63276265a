#!/usr/bin/env python3
"""Moves labels still written as Swift tables (`Table(vietnamese: [...], english: [...])` in
Sources/App/Localization/Localizer+*.swift) into the catalogs Resources/Localization/{vi,en}.json.

Usage: python3 scripts/catalog-from-swift.py FILE.swift [...]   (then delete the Swift files' tables)
A key already in a catalog with another text stops the script: resolve it by hand.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIR = re.compile(r'"([A-Za-z0-9_.\-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"')
MARKERS = re.compile(r'vietnamese:\s*\[|Vietnamese:\s*\[String:\s*String\]\s*=\s*\[|english:\s*\[|English:\s*\[String:\s*String\]\s*=\s*\[')


def tables(text: str) -> dict[str, dict[str, str]]:
    found = {"vi": {}, "en": {}}
    marks = [(m.start(), "vi" if m.group(0).lower().startswith("vietnamese") else "en") for m in MARKERS.finditer(text)]
    for pair in PAIR.finditer(text):
        before = [lang for at, lang in marks if at < pair.start()]
        if not before:
            continue
        key, value = pair.group(1), json.loads('"' + pair.group(2) + '"')
        if key in found[before[-1]]:
            sys.exit(f"{key} twice in one table")
        found[before[-1]][key] = value
    return found


def main() -> None:
    catalogs = {}
    for lang in ("vi", "en"):
        path = ROOT / f"Resources/Localization/{lang}.json"
        catalogs[lang] = json.loads(path.read_text()) if path.exists() else {}
    for name in sys.argv[1:]:
        found = tables(Path(name).read_text())
        for lang, table in found.items():
            for key, value in table.items():
                old = catalogs[lang].get(key)
                if old is not None and old != value:
                    sys.exit(f"{name}: {key} ({lang}) is already in the catalog as {old!r}, here {value!r}")
                catalogs[lang][key] = value
        print(f"{name}: {len(found['vi'])} vi, {len(found['en'])} en")
    for lang, table in catalogs.items():
        text = json.dumps(dict(sorted(table.items())), ensure_ascii=False, indent=1)
        (ROOT / f"Resources/Localization/{lang}.json").write_text(text + "\n")
    print({lang: len(table) for lang, table in catalogs.items()})


if __name__ == "__main__":
    main()
