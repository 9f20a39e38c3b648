"""A record's history in words (services.history_words), as the record page and `rentan show` print it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from rentan_desktop.services import history_words

LABELS = {"desa": {"6408012001": "SENYIUR"}, "pekerjaan": {"NELAYAN": "Nelayan"}, "funders": {}}


def test_corrections_in_words_both_languages() -> None:
    detail = {
        "version": 2,
        "changes": {
            "tanggal_lahir": ["1990-01-01", "1990-01-02"],
            "desa_kode": [None, "6408012001"],
            "no_hp": ["+6281234567890", None],
            "nik": ["6408014101900001", "6408014101900002"],
        },
    }
    what, text = history_words.describe("registrant.update", detail, lang="id", labels=LABELS)
    assert what == "Dikoreksi (v2)"
    assert (
        "Tanggal lahir: 01-01-1990 → 02-01-1990" in text and "Desa/kelurahan: — → Senyiur" in text
    )
    assert "0812-3456-7890 → —" in text and "************0002" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\+62|6408014101900002", text)
    what, text = history_words.describe(
        "registrant.update", detail, lang="en", labels=LABELS, masked=False
    )
    assert (
        what == "Corrected (v2)" and "Birth date: 01-01-1990" in text and "6408014101900002" in text
    )


def test_every_event_is_words_never_a_code_or_json() -> None:
    for action, detail in [
        (
            "registrant.status",
            {
                "old": "verified",
                "new": "inactive",
                "reason": "pindah",
                "rt_list": "RT-7K2M-9QX4",
                "row": 3,
            },
        ),
        ("rt_review.correction", {"rt_list": "RT-7K2M-9QX4", "row": 5, "correction": "Nama ibu"}),
        ("card.print", {"queue": 7, "uuid": "0b9c1f3e-5d2a-4c1b-9f00-1234567890ab"}),
        ("some.future_event", {"x": {"y": 1}}),
    ]:
        what, text = history_words.describe(action, detail, lang="id", labels=LABELS)
        both = what + " " + text
        assert "." not in what.split()[0] and "{" not in both and "0b9c1f3e" not in both, both
    assert history_words.describe(
        "registrant.status", {"old": "verified", "new": "inactive", "reason": "pindah"}
    )[1].endswith("(Pindah domisili)")
    assert history_words.describe("some.future_event", {})[0] == "Perubahan lain tercatat"
    assert history_words.when(datetime(2026, 12, 7, 6, 5, tzinfo=UTC)) == "07-12-2026 14.05"
