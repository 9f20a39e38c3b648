"""Fill unfinished entries of a Qt .ts file from a tab-separated glossary (source -> translation).

Lines of the glossary are ``source<TAB>translation``; ``\\n`` stands for a line break, and a plural
(``%n``) translation gives its singular and plural forms separated by `` || ``. Entries already
translated in the .ts (e.g. edited with pyside6-linguist) are left alone.

Usage: python packaging/fill_translations.py resources/i18n/rentan_en.ts resources/i18n/glossary_en.tsv
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def load_glossary(path: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, _, target = line.partition("\t")
        entries[source.replace("\\n", "\n")] = target.replace("\\n", "\n")
    return entries


def fill(ts_path: Path, glossary: dict[str, str]) -> tuple[int, list[str]]:
    """Translate what the glossary knows; returns (filled count, sources still untranslated)."""
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        done = translation.get("type") not in ("unfinished", "vanished", "obsolete")
        if done and (translation.text or list(translation)):
            continue
        target = glossary.get(source)
        if target is None:
            missing.append(source)
            continue
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            forms = target.split(" || ")
            for form in forms if len(forms) == 2 else [target, target]:
                ET.SubElement(translation, "numerusform").text = form
            translation.text = None
        else:
            translation.text = target
        translation.attrib.pop("type", None)
        filled += 1
    ET.indent(tree, space="    ")
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled, missing


if __name__ == "__main__":
    count, left = fill(Path(sys.argv[1]), load_glossary(Path(sys.argv[2])))
    print(f"{count} translations filled; {len(left)} without translation")
    for source in left:
        print(f"  untranslated: {source!r}")
