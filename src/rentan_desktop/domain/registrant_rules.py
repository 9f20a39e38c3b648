"""The registration rules, one function per field, and the validator that applies them.

:func:`validate` checks one record (the form, a save) with a fresh :class:`Validator`.
An import checks 150,000 of them, where names, places, dates, RT/RW, desa codes and occupations
repeat tens of thousands of times: each rule here is a pure function of one field's value (funder,
office and day fixed per validator), so one validator per import keeps each distinct value's
outcome and a repeated value costs one dict lookup. NIK, KK and phone numbers (unique per person)
have shortcuts for the usual clean value that return exactly what the full parse returns for it
(tests/test_registrant_rules.py compares them), and go through the full parse otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any

from rentan_desktop.domain import identifiers, issues, names, nik, phone
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.region_code import DESA, RegionCode, kabupaten_of
from rentan_desktop.domain.registrant import (
    DEFAULT_INCOME,
    LABELS,
    MAX_LEN,
    CleanRegistrant,
    FunderRules,
    RegistrantInput,
    age_on,
    parse_date,
)


def _rt_rw(value: object, name: str, found: list[Issue]) -> str:
    text = str(value if value is not None else "").strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text:
        found.append(issues.error("field.required", name, label=LABELS[name]))
        return ""
    if not text.isdigit() or not 1 <= int(text) <= 999:
        found.append(issues.error("rtrw.invalid", name, label=LABELS[name], value=text))
        return ""
    return f"{int(text):03d}"


def _income(value: object, found: list[Issue]) -> int:
    if value in (None, ""):
        return DEFAULT_INCOME
    text = str(value).strip().replace(".", "").replace(",", "").replace("Rp", "").strip()
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if not text.isdigit():
        found.append(issues.error("income.invalid", "penghasilan"))
        return 0
    return int(text)


Found = tuple[Issue, ...]
_NONE: Found = ()
_HASHABLE = frozenset({int, float, bool, date, datetime, type(None)})
_DIRECT = frozenset({str, date})  # keyed by themselves: a text never equals a date or a tuple
_ERROR = issues.Severity.ERROR


class _Memo(dict[Any, Any]):
    """``memo.of(value)`` is ``fn(value)``, computed once per distinct value.

    Text and plain dates are keyed by themselves; other values by (type, value), so 1, 1.0, True
    and "1" (equal or equally hashed, but written differently in messages) never share an entry.
    Values of other types (never seen in practice) are not remembered.
    """

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> Any:
        got = self[key] = self.fn(key[1] if type(key) is tuple else key)
        return got

    def of(self, value: Any) -> Any:
        if type(value) in _DIRECT:
            return self[value]
        if type(value) in _HASHABLE:
            return self[(type(value), value)]
        return self.fn(value)


@lru_cache(maxsize=1)
def _clean_prefixes() -> frozenset[str]:
    """Current kecamatan codes with a known province and no 00 part: a NIK starting with one has
    no province, zero-region or old-region issue."""
    provinces = nik._province_codes()
    return frozenset(
        c
        for c in nik.current_kecamatan_codes()
        if (code := RegionCode.try_parse(c)) is not None
        and code.parts[0] in provinces
        and "00" not in code.parts[1:3]
    )


def warm_tables() -> None:
    """Build the cached tables the first check would build (start-up calls it off the GUI thread)."""
    _clean_prefixes()


def _too_long(key: str, text: str) -> Found:
    limit = MAX_LEN[key]
    if len(text) > limit:
        return (issues.error("field.too_long", key, label=LABELS[key], max=limit),)
    return _NONE


def _stored(value: object) -> str:
    """``names.clean``; plain printable ASCII (nearly every name) without its regular expressions:
    there the only whitespace is the space, so collapsing, trimming and upper-casing is all
    ``names.clean`` does (tests/test_registrant_rules.py compares the two)."""
    if type(value) is str and value.isascii() and value.isprintable():
        return " ".join(value.split()).upper()
    return names.clean(value)  # type: ignore[arg-type]


def _name(value: object) -> tuple[str, Found]:
    text = _stored(value)
    if not text:
        return text, (issues.error("field.required", "nama", label=LABELS["nama"]),)
    return text, _too_long("nama", text)


def _place(value: object) -> tuple[str, Found]:
    text = _stored(value)
    return text, _too_long("tempat_lahir", text)


def _mother(value: object) -> tuple[str, Found, Found]:
    """Stored text, length issue, and the missing-name warning (reported last)."""
    text = _stored(value)
    missing = _NONE if text else (issues.warning("mother.missing", "nama_ibu"),)
    return text, _too_long("nama_ibu", text), missing


def _alamat(value: object) -> tuple[str, Found]:
    text = " ".join(str(value or "").split())
    return text, _too_long("alamat", text)


def _notes(value: object) -> tuple[str, Found]:
    text = str(value or "").strip()
    return text, _too_long("notes", text)


def _sex(value: object) -> tuple[str, Found]:
    sex = str(value or "").strip().upper()[:1]
    return sex, _NONE if sex in ("L", "P") else (issues.error("sex.invalid", "jenis_kelamin"),)


def _rt(value: object) -> tuple[str, Found]:
    found: list[Issue] = []
    return _rt_rw(value, "rt", found), tuple(found)


def _rw(value: object) -> tuple[str, Found]:
    found: list[Issue] = []
    return _rt_rw(value, "rw", found), tuple(found)


def _pekerjaan(value: object) -> tuple[str, Found]:
    job = str(value or "").strip()
    if job:
        return job, _NONE
    return job, (issues.error("field.required", "pekerjaan_kode", label=LABELS["pekerjaan_kode"]),)


def _penghasilan(value: object) -> tuple[int, Found]:
    found: list[Issue] = []
    return _income(value, found), tuple(found)


def _kk(value: object) -> tuple[str | None, Found]:
    """``identifiers.parse_kk`` (``fields`` answers "" itself: no number, no issue)."""
    if type(value) is str and len(value) == 16 and value.isdigit() and value.isascii():
        # Sixteen plain digits: no spreadsheet damage, nothing for digits_of to remove, the
        # right length: parse_kk returns them unchanged.
        return value, _NONE
    got, found = identifiers.parse_kk(value)
    return got, tuple(found)


def _phone(value: object) -> tuple[str | None, Found]:
    """``phone.parse`` (``fields`` answers "" itself: no number, no issue)."""
    if (
        type(value) is str
        and value.startswith("+628")
        and value[1:].isdigit()
        and value.isascii()
        and 9 <= len(value) - 3 <= 12
    ):
        return value, _NONE  # already E.164: phone.parse returns it unchanged
    got, found = phone.parse(value)
    return got, tuple(found)


def _birth(today: date, value: object) -> tuple[date | None, Found]:
    birth = parse_date(value)
    if not str(value or "").strip():
        return birth, (
            issues.error("field.required", "tanggal_lahir", label=LABELS["tanggal_lahir"]),
        )
    if birth is None:
        return None, (issues.error("date.invalid", "tanggal_lahir", value=value),)
    if birth > today:
        return None, (issues.error("date.future", "tanggal_lahir"),)
    return birth, _NONE


def _desa(
    known_desa: Collection[str] | None, rules: FunderRules | None, value: object
) -> tuple[str, Found, Found]:
    """Code, its issues, and the funder's domicile issue (reported after the age)."""
    desa = nik.normalise(value)
    found: Found = _NONE
    if not desa:
        found = (issues.error("field.required", "desa_kode", label=LABELS["desa_kode"]),)
    elif (code := RegionCode.try_parse(desa)) is None or code.level != DESA:
        found = (issues.error("desa.invalid", "desa_kode", value=value),)
    elif known_desa is not None and desa not in known_desa:
        found = (issues.error("desa.unknown", "desa_kode", value=desa),)
    if rules and rules.domisili_kab and len(desa) == 10 and not desa.startswith(rules.domisili_kab):
        return (
            desa,
            found,
            (issues.error("domicile.outside", "desa_kode", kab=rules.domisili_kab),),
        )
    return desa, found, _NONE


class Validator:
    """``validate(data, rules=..., known_desa=..., home_kabupaten=..., today=...)`` for many records.

    Holds what it learnt about each distinct field value; use one per import (a few distinct values
    per field in a big file, so the memory stays small next to the rows themselves).
    """

    def __init__(
        self,
        *,
        rules: FunderRules | None = None,
        known_desa: Collection[str] | None = None,
        home_kabupaten: str | None = None,
        today: date | None = None,
    ) -> None:
        self.rules = rules
        self.known_desa = known_desa
        self.home = home_kabupaten
        self.today = today = today or date.today()
        self._nama, self._place, self._mother = _Memo(_name), _Memo(_place), _Memo(_mother)
        self._alamat, self._notes, self._sex = _Memo(_alamat), _Memo(_notes), _Memo(_sex)
        self._rt, self._rw, self._job = _Memo(_rt), _Memo(_rw), _Memo(_pekerjaan)
        self._income = _Memo(_penghasilan)
        # The memos' functions never refer back to the validator: no reference cycle keeps a
        # file's worth of memos waiting for the cycle collector after an import.
        self._desa = _Memo(partial(_desa, known_desa, rules))
        self._birth = _Memo(partial(_birth, today))
        self._age: dict[date | None, Found] = {}
        self._nik_birth = _Memo(lambda ddmmyy: nik._birth_date("000000" + ddmmyy + "0000", today))
        self._prefixes = _clean_prefixes()
        self._home4 = kabupaten_of(home_kabupaten) if home_kabupaten else ""
        self._no_funder = (
            issues.error("field.required", "sumber_dana_id", label=LABELS["sumber_dana_id"]),
        )

    def __call__(
        self, data: RegistrantInput, *, build: bool = True, rw_optional: bool = False
    ) -> tuple[CleanRegistrant | None, list[Issue]]:
        """Same as :func:`validate`; with ``build=False`` the clean record is not made (None
        even without errors: a dry run only needs the issues)."""
        clean, found, _ = self.fields(
            data.nik,
            data.no_kk,
            data.nama,
            data.tempat_lahir,
            data.tanggal_lahir,
            data.jenis_kelamin,
            data.nama_ibu,
            data.alamat,
            data.rt,
            data.rw,
            data.desa_kode,
            data.no_hp,
            data.pekerjaan_kode,
            data.penghasilan,
            data.sumber_dana_id,
            data.notes,
            build=build,
            rw_optional=rw_optional,
        )
        return clean, found

    def fields(  # the RegistrantInput fields in order: no input object to build per row
        self,
        nik_value: object,
        no_kk: object,
        nama: object,
        tempat_lahir: object,
        tanggal_lahir: object,
        jenis_kelamin: object,
        nama_ibu: object,
        alamat: object,
        rt: object,
        rw: object,
        desa_kode: object,
        no_hp: object,
        pekerjaan_kode: object,
        penghasilan: object,
        sumber_dana_id: object,
        notes: object,
        *,
        build: bool = True,
        mother_warning: bool = True,
        rw_optional: bool = False,
    ) -> tuple[CleanRegistrant | None, list[Issue], bool]:
        """``__call__`` with the fields given one by one; also says whether any issue is an error.

        ``mother_warning=False`` leaves the "mother's name missing" warning out of the list (a
        source that has no such column at all); the clean record's warnings still carry it.
        ``rw_optional=True`` accepts an empty RW, stored as "": a desa that numbers its
        neighbourhoods by RT only (many in Kalimantan) has no RW to write. Runs once per row of a
        big file: memo lookups are inlined.
        """
        # Names are nearly all distinct: checked directly, not remembered.
        name, f_name = _name(nama) if type(nama) is str else self._nama.of(nama)
        m = self._place
        place, f_place = m[tempat_lahir] if type(tempat_lahir) is str else m.of(tempat_lahir)
        m = self._mother
        mother, f_mother, f_missing = m[nama_ibu] if type(nama_ibu) is str else m.of(nama_ibu)
        m = self._alamat
        addr, f_addr = m[alamat] if type(alamat) is str else m.of(alamat)
        m = self._notes
        note, f_note = m[notes] if type(notes) is str else m.of(notes)
        m = self._birth
        birth, f_birth = m[tanggal_lahir] if type(tanggal_lahir) in _DIRECT else m.of(tanggal_lahir)
        m = self._sex
        sex, f_sex = m[jenis_kelamin] if type(jenis_kelamin) is str else m.of(jenis_kelamin)
        # The usual clean NIK without a call (see _nik for why nik.parse finds nothing in it).
        nik_digits, f_nik = nik_value, _NONE
        if not (
            type(nik_value) is str
            and len(nik_value) == 16
            and nik_value.isdigit()
            and nik_value.isascii()
            and nik_value[12:] != "0000"
            and nik_value[:6] in self._prefixes
            and (nik_birth := self._nik_birth[nik_value[6:12]])[0] is not None
            and (birth is None or birth == nik_birth[0])
            and (not sex or sex == nik_birth[1])
            and (not self._home4 or nik_value[:4] == self._home4)
        ):
            nik_digits, f_nik = self._nik(nik_value, birth, sex)
        kk, f_kk = (None, _NONE) if type(no_kk) is str and not no_kk else _kk(no_kk)
        m = self._rt
        rt_text, f_rt = m[rt] if type(rt) is str else m.of(rt)
        m = self._rw
        if rw_optional and (rw is None or (type(rw) is str and not rw.strip())):
            rw_text, f_rw = "", _NONE
        else:
            rw_text, f_rw = m[rw] if type(rw) is str else m.of(rw)
        m = self._desa
        desa, f_desa, f_domicile = m[desa_kode] if type(desa_kode) is str else m.of(desa_kode)
        hp, f_hp = (None, _NONE) if type(no_hp) is str and not no_hp else _phone(no_hp)
        m = self._job
        job, f_job = m[pekerjaan_kode] if type(pekerjaan_kode) is str else m.of(pekerjaan_kode)
        m = self._income
        income, f_income = m[penghasilan] if type(penghasilan) is str else m.of(penghasilan)
        f_funder = self._no_funder if sumber_dana_id in (None, "") else _NONE
        f_age = self._age.get(birth)
        if f_age is None:
            f_age = self._age[birth] = self._age_of(birth)
        # Tuples: adding an empty one (most fields of most rows) copies nothing.
        every = (
            f_name + f_place + f_mother + f_addr + f_note + f_birth + f_sex + f_nik + f_kk
            + f_rt + f_rw + f_desa + f_hp + f_job + f_income + f_funder + f_age + f_domicile
        )  # fmt: skip
        found = list(every + f_missing if mother_warning else every)
        refused = any(i.severity is _ERROR for i in every) if every else False
        if refused or not build:
            return None, found, refused
        assert birth is not None and nik_digits is not None
        clean = CleanRegistrant(
            nik=nik_digits,
            no_kk=kk,
            nama=name,
            tempat_lahir=place,
            tanggal_lahir=birth,
            jenis_kelamin=sex,
            nama_ibu=mother,
            alamat=addr,
            rt=rt_text,
            rw=rw_text,
            desa_kode=desa,
            no_hp=hp,
            pekerjaan_kode=job,
            penghasilan=income,
            sumber_dana_id=int(str(sumber_dana_id)),
            notes=note,
            name_norm=names.normalise(name),
            warnings=tuple(issues.warnings_of(every + f_missing)),  # with mother_warning or not
        )
        return clean, found, refused

    def _nik(self, value: object, birth: date | None, sex: str) -> tuple[str | None, Found]:
        """``nik.parse`` as validate calls it: the NIK's digits and issues.

        The shortcut in :meth:`fields` skips this call when nik.parse would find nothing: sixteen
        plain ASCII digits (no spreadsheet damage, nothing for digits_of to remove, the right
        length) starting with a current kecamatan whose province is known and has no 00 part,
        serial not 0000, a real birth date in the NIK that agrees with the recorded one (if any),
        the NIK's sex agreeing with the recorded one (if any), and issued in this office's regency.
        """
        info = nik.parse(
            value,
            recorded_birth_date=birth,
            recorded_sex=sex or None,
            home_kabupaten=self.home,
            today=self.today,
        )
        return info.nik, info.issues

    def _age_of(self, birth: date | None) -> Found:
        rules = self.rules
        if rules and birth:
            age = age_on(birth, self.today)
            lo, hi = rules.usia_min, rules.usia_max
            if (lo is not None and age < lo) or (hi is not None and age > hi):
                return (issues.error("age.out_of_range", "tanggal_lahir", age=age, min=lo, max=hi),)
        return _NONE


def validate(
    data: RegistrantInput,
    *,
    rules: FunderRules | None = None,
    known_desa: set[str] | frozenset[str] | None = None,
    home_kabupaten: str | None = None,
    today: date | None = None,
    rw_optional: bool = False,
) -> tuple[CleanRegistrant | None, list[Issue]]:
    """Check every field; returns the clean record (None when any error) and all issues.

    ``rw_optional``: an empty RW is accepted (a record of a desa that numbers by RT only).

    The rules live in :class:`Validator`, one function per field; an import keeps one validator
    for all its rows (it remembers each distinct value's outcome), a single record takes a fresh
    one.
    """
    return Validator(
        rules=rules, known_desa=known_desa, home_kabupaten=home_kabupaten, today=today
    )(data, rw_optional=rw_optional)
