"""Fills untranslated entries of a catalogue from other versions of it (for merging branches).

A merge of two branches that both added strings conflicts all over `locale/*/django.po`, because
`makemessages` rewrites every source reference. Resolve it mechanically instead of by hand:

    git show main:locale/id/LC_MESSAGES/django.po   > /tmp/main.po
    git show branch:locale/id/LC_MESSAGES/django.po > /tmp/branch.po
    git checkout main -- locale/          # either side; it is regenerated next
    make messages                         # msgids from the merged code
    python scripts/merge_po.py locale/id/LC_MESSAGES/django.po /tmp/branch.po /tmp/main.po
    python scripts/compile_messages.py

Every entry of the target that is empty or fuzzy takes the first non-fuzzy translation found in
the sources (same msgctxt and msgid), in the order given. Entries already translated are kept.
"""

import sys
from pathlib import Path

import polib


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _is_translated(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def merge(target_path: Path, source_paths: list[Path]) -> tuple[int, int]:
    target = polib.pofile(str(target_path))
    known: dict[tuple[str, str, str], polib.POEntry] = {}
    for path in source_paths:
        for entry in polib.pofile(str(path)):
            if _is_translated(entry):
                known.setdefault(_key(entry), entry)
    filled = 0
    for entry in target:
        if _is_translated(entry):
            continue
        source = known.get(_key(entry))
        if source is None:
            continue
        entry.msgstr = source.msgstr
        entry.msgstr_plural = dict(source.msgstr_plural)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
        filled += 1
    target.save()
    missing = sum(1 for entry in target if not entry.obsolete and not _is_translated(entry))
    return filled, missing


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    filled, missing = merge(Path(argv[1]), [Path(p) for p in argv[2:]])
    print(f"{argv[1]}: {filled} entries filled, {missing} still untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
