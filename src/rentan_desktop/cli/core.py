"""Set-up and administration commands: init, users, funders, targets, check-nik, demo, stats."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from rentan_desktop.cli.common import CliError, Runtime
from rentan_desktop.domain import formatting, issues, lifecycle, nik
from rentan_desktop.domain import roles as roles_mod
from rentan_desktop.domain.region_code import DESA, KABUPATEN, RegionCode

issues.define_all(
    {
        "cli.password_mismatch": ("Kata sandi tidak sama.", "The passwords differ."),
        "cli.demo_needs_password": (
            "Database belum disiapkan: `rentan demo` membuat kantor contoh dengan admin '{user}'; "
            "atur RENTAN_PASSWORD untuk kata sandinya.",
            "The database is not set up: `rentan demo` creates a sample office with admin '{user}'; "
            "set RENTAN_PASSWORD for its password.",
        ),
    }
)


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "init", help="create the database and this office's identity and first admin"
    )
    add_common(p)
    p.add_argument("--office-code", required=True, help="Kemendagri code, e.g. 64.08.01 or 640801")
    p.add_argument("--office-name", default="", help="office name (default: the region's name)")
    p.add_argument("--level", required=True, choices=("kecamatan", "kabupaten", "provinsi"))
    p.add_argument("--admin", required=True, help="username of the first admin")
    p.add_argument("--admin-name", default="Administrator", help="full name of the first admin")
    p.add_argument("--funder-code", help="sumber dana code, e.g. APBD-KUTIM")
    p.add_argument("--funder-name", help="sumber dana name")
    p.add_argument("--age-min", type=int, help="funder's minimum age")
    p.add_argument("--age-max", type=int, help="funder's maximum age")
    p.add_argument("--domicile", help="4-digit kabupaten code the funder's people must live in")
    p.add_argument("--legal-basis", default="", help="regulation printed on privacy notices")
    p.add_argument("--target", type=int, help="number of people to cover this programme year")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("users", help="manage local accounts")
    add_common(p)
    p.add_argument(
        "action", choices=("list", "add", "passwd", "disable", "enable", "unlock", "role")
    )
    p.add_argument("username", nargs="?")
    p.add_argument("--role", choices=[r.value for r in roles_mod.Role])
    p.add_argument("--name", default="", help="full name (for add)")
    p.add_argument(
        "--new-password-env",
        default="RENTAN_NEW_PASSWORD",
        help="environment variable holding the new account's password",
    )
    p.set_defaults(handler=cmd_users)

    p = sub.add_parser("funders", help="list or add sumber dana and their rules")
    add_common(p)
    p.add_argument("action", choices=("list", "add", "update"))
    p.add_argument("--code")
    p.add_argument("--name")
    p.add_argument("--age-min", type=int)
    p.add_argument("--age-max", type=int)
    p.add_argument("--domicile")
    p.add_argument("--legal-basis")
    p.set_defaults(handler=cmd_funders)

    p = sub.add_parser("target", help="set the number of people a funder covers this year")
    add_common(p)
    p.add_argument("--funder", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--year", type=int)
    p.add_argument("--wilayah", help="region code (default: this office)")
    p.set_defaults(handler=cmd_target)

    p = sub.add_parser("check-nik", help="what a NIK encodes, its errors and warnings")
    add_common(p)
    p.add_argument("nik")
    p.add_argument("--birth-date", help="recorded birth date (ddmmyyyy or dd-mm-yyyy)")
    p.add_argument("--sex", choices=("L", "P"))
    p.set_defaults(handler=cmd_check_nik)

    p = sub.add_parser("demo", help="fill the database with realistic synthetic registrants")
    add_common(p)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--office-code", default="6408", help="office created when the database is empty"
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("stats", help="target, registered by status, remaining, estimated premium")
    add_common(p)
    p.set_defaults(handler=cmd_stats)


def _new_password(rt: Runtime, env: str = "RENTAN_PASSWORD") -> str:
    value = os.environ.get(env)
    if value:
        return value
    first = rt.password("Kata sandi baru: ")
    if os.environ.get("RENTAN_PASSWORD"):
        return first
    if first != rt.password("Ulangi kata sandi: "):
        raise CliError("cli.password_mismatch")
    return first


def _init_key_passphrase(rt: Runtime) -> str | None:
    """The office key passphrase for set-up: env or terminal; None (no key yet) otherwise."""
    if os.environ.get("RENTAN_KEY_PASSPHRASE") or sys.stdin.isatty():
        return rt.key_passphrase("Frasa sandi kunci kantor (min. 12 karakter): ", confirm=True)
    return None


def cmd_init(rt: Runtime) -> int:
    from rentan_desktop.services import setup

    a = rt.args
    funder = None
    if a.funder_code:
        funder = setup.FunderSpec(
            a.funder_code,
            a.funder_name or a.funder_code,
            a.age_min,
            a.age_max,
            a.domicile,
            a.legal_basis,
        )
    office = setup.init_office(
        rt.ctx(create=True),
        kode=a.office_code,
        nama=a.office_name,
        level=a.level,
        admin_username=a.admin,
        admin_full_name=a.admin_name,
        admin_password=_new_password(rt),
        funder=funder,
        target=a.target,
        key_passphrase=_init_key_passphrase(rt),
    )
    from rentan_desktop.services import trust

    info = trust.office_key_info(rt.ctx())
    note = (
        rt.say(
            f" Sidik kunci kantor: {info.fingerprint}.",
            f" Office key fingerprint: {info.fingerprint}.",
        )
        if info
        else rt.say(
            " Kunci kantor belum dibuat (tanpa frasa sandi): jalankan `rentan keys create`.",
            " No office key yet (no passphrase given): run `rentan keys create`.",
        )
    )
    rt.out(
        {
            "office": office.model_dump(),
            "db": rt.ctx().where,
            "fingerprint": info.fingerprint if info else None,
        },
        rt.say(
            f"Kantor {office.nama} ({office.kode}) disiapkan di {rt.ctx().where}.{note}",
            f"Office {office.nama} ({office.kode}) set up in {rt.ctx().where}.{note}",
        ),
    )
    return 0


def cmd_users(rt: Runtime) -> int:
    from rentan_desktop.services import auth

    a, ctx, actor = rt.args, rt.ctx(), rt.user()
    if a.action == "list":
        users = auth.list_users(ctx, actor=actor)
        rt.out(
            [
                {
                    "username": u.username,
                    "full_name": u.full_name,
                    "role": u.role,
                    "active": u.active,
                }
                for u in users
            ],
            lambda: "\n".join(
                f"{u.username:<16} {u.role:<12} "
                f"{rt.say('aktif', 'active') if u.active else rt.say('nonaktif', 'disabled'):<9}"
                f" {u.full_name}"
                for u in users
            ),
        )
        return 0
    if not a.username:
        raise CliError("cli.user_required")
    if a.action == "add":
        user = auth.create_user(
            ctx,
            actor=actor,
            username=a.username,
            full_name=a.name or a.username,
            role=a.role or "operator",
            password=_new_password(rt, a.new_password_env),
        )
        rt.out(
            {"username": user.username, "role": user.role},
            rt.say(f"Pengguna {user.username} dibuat.", f"User {user.username} created."),
        )
    elif a.action == "passwd":
        auth.set_password(
            ctx, actor=actor, username=a.username, password=_new_password(rt, a.new_password_env)
        )
        rt.out({"username": a.username}, rt.say("Kata sandi diganti.", "Password changed."))
    elif a.action in ("disable", "enable"):
        auth.set_active(ctx, actor=actor, username=a.username, active=a.action == "enable")
        rt.out(
            {"username": a.username, "active": a.action == "enable"}, rt.say("Selesai.", "Done.")
        )
    elif a.action == "unlock":
        auth.unlock(ctx, actor=actor, username=a.username)
        rt.out({"username": a.username}, rt.say("Akun dibuka.", "Account unlocked."))
    elif a.action == "role":
        auth.set_role(ctx, actor=actor, username=a.username, role=a.role or "operator")
        rt.out({"username": a.username, "role": a.role}, rt.say("Peran diganti.", "Role changed."))
    return 0


def cmd_funders(rt: Runtime) -> int:
    from rentan_desktop.services import setup

    a, ctx = rt.args, rt.ctx()
    if a.action == "list":
        rows = setup.list_funders(ctx)
        rt.out(
            [r.model_dump() for r in rows],
            lambda: "\n".join(
                f"{r.id:>3} {r.kode:<14} {r.nama} ({rt.say('umur', 'age')} {r.usia_min}-{r.usia_max},"
                f" {rt.say('domisili', 'domicile')} {r.domisili_kab or '-'})"
                for r in rows
            ),
        )
        return 0
    actor = rt.user()
    if a.action == "add":
        row = setup.add_funder(
            ctx,
            actor=actor,
            spec=setup.FunderSpec(
                a.code, a.name or a.code, a.age_min, a.age_max, a.domicile, a.legal_basis or ""
            ),
        )
    else:
        changes = {
            k: v
            for k, v in (
                ("nama", a.name),
                ("usia_min", a.age_min),
                ("usia_max", a.age_max),
                ("domisili_kab", a.domicile),
                ("dasar_hukum", a.legal_basis),
            )
            if v is not None
        }
        row = setup.update_funder(ctx, actor=actor, kode=a.code, **changes)
    rt.out(
        row.model_dump(), rt.say(f"Sumber dana {row.kode} disimpan.", f"Funder {row.kode} saved.")
    )
    return 0


def cmd_target(rt: Runtime) -> int:
    from rentan_desktop.services import setup

    a, ctx = rt.args, rt.ctx()
    row = setup.set_target(
        ctx,
        actor=rt.user(),
        funder_kode=a.funder,
        periode=a.year or ctx.periode(),
        jumlah=a.count,
        wilayah_kode=a.wilayah,
    )
    rt.out(
        row.model_dump(),
        rt.say(
            f"Target {row.periode}: {formatting.angka(row.jumlah)} orang.",
            f"Target {row.periode}: {formatting.angka(row.jumlah)} people.",
        ),
    )
    return 0


def cmd_check_nik(rt: Runtime) -> int:
    from lokal import wilayah

    from rentan_desktop.domain.registrant import parse_date

    a = rt.args
    info = nik.parse(
        a.nik,
        recorded_birth_date=parse_date(a.birth_date) if a.birth_date else None,
        recorded_sex=a.sex,
    )
    place = ""
    if info.kecamatan_code:
        kecamatan = RegionCode.parse(info.kecamatan_code)
        parts = [
            w.name
            for w in (
                wilayah.get_wilayah(kecamatan.dotted),
                wilayah.get_wilayah(kecamatan.parent.dotted),  # type: ignore[union-attr]
                wilayah.get_wilayah(kecamatan.provinsi.dotted),
            )
            if w
        ]
        place = ", ".join(parts)
    data = {
        "input": a.nik,
        "nik": info.nik,
        "valid": info.valid,
        "issued_in": place or None,
        "kecamatan_code": info.kecamatan_code,
        "birth_date": info.birth_date.isoformat() if info.birth_date else None,
        "sex": info.sex,
        "serial": info.serial,
        "errors": [i.as_dict(rt.lang) for i in info.errors],
        "warnings": [i.as_dict(rt.lang) for i in info.warnings],
    }

    def text() -> str:
        verdict = rt.say("SAH", "VALID") if info.valid else rt.say("TIDAK SAH", "INVALID")
        lines = [f"NIK {info.nik or a.nik}: {verdict}"]
        if info.nik and info.valid:
            unknown = rt.say(" (kode tidak dikenal)", " (unknown code)")
            lines.append(
                rt.say("  Diterbitkan di : ", "  Issued in     : ")
                + (place or (info.kecamatan_code or "") + unknown)
            )
            lines.append(
                rt.say("  Tanggal lahir  : ", "  Birth date    : ")
                + formatting.tanggal(info.birth_date, rt.lang)
            )
            female = info.sex == "P"
            lines.append(
                rt.say("  Jenis kelamin  : ", "  Sex           : ")
                + (rt.say("Perempuan", "Female") if female else rt.say("Laki-laki", "Male"))
            )
        lines += [rt.say("  KESALAHAN: ", "  ERROR: ") + i.message(rt.lang) for i in info.errors]
        lines += [
            rt.say("  Peringatan: ", "  Warning: ") + i.message(rt.lang) for i in info.warnings
        ]
        return "\n".join(lines)

    rt.out(data, text)
    return 0 if info.valid else 1


def cmd_demo(rt: Runtime) -> int:
    from rentan_desktop.services import auth, demo, setup

    # Demo data is asked for by name, so it may make its database (with a sample office), as init does.
    a, ctx = rt.args, rt.ctx(create=True)
    if not setup.is_initialised(ctx):
        username = a.user or os.environ.get("RENTAN_USER") or "admin"
        password = os.environ.get("RENTAN_PASSWORD")
        if not password:
            raise CliError("cli.demo_needs_password", user=username)
        code = RegionCode.try_parse(a.office_code)
        level = code.level if code is not None and code.level != DESA else KABUPATEN
        setup.init_office(
            ctx,
            kode=a.office_code,
            nama="",
            level=level,
            admin_username=username,
            admin_full_name="Admin Demo",
            admin_password=password,
        )
        rt._user = auth.authenticate(ctx, username, password)
    result = demo.generate(ctx, actor=rt.user(), count=a.count, seed=a.seed)
    rt.out(
        {"created": result.created, "seconds": round(result.seconds, 2)},
        rt.say(
            f"{formatting.angka(result.created)} pendaftar contoh dibuat dalam "
            f"{result.seconds:.1f} detik.",
            f"{formatting.angka(result.created)} sample registrants created in {result.seconds:.1f} s.",
        ),
    )
    return 0


def cmd_stats(rt: Runtime) -> int:
    from rentan_desktop.services import stats

    o = stats.overview(rt.ctx())
    data = {
        "periode": o.periode,
        "target": o.target,
        "active": o.active,
        "remaining": o.remaining,
        "by_status": o.by_status,
        "monthly_tariff": o.tariff.monthly,
        "yearly_premium": o.yearly_premium,
    }

    def text() -> str:
        lines = [
            rt.say(
                f"Periode {o.periode}: target {formatting.angka(o.target)}, aktif "
                f"{formatting.angka(o.active)}, sisa kuota {formatting.angka(o.remaining)}",
                f"Year {o.periode}: target {formatting.angka(o.target)}, active "
                f"{formatting.angka(o.active)}, remaining {formatting.angka(o.remaining)}",
            ),
            rt.say(
                f"Iuran per orang per bulan {formatting.rupiah(o.tariff.monthly)};"
                f" perkiraan iuran setahun {formatting.rupiah(o.yearly_premium)}",
                f"Contribution per person per month {formatting.rupiah(o.tariff.monthly)};"
                f" estimated yearly premium {formatting.rupiah(o.yearly_premium)}",
            ),
        ]
        lines += [
            f"  {lifecycle.label(s, rt.lang):<18} {formatting.angka(n):>9}"
            for s, n in sorted(o.by_status.items())
        ]
        return "\n".join(lines)

    rt.out(data, text)
    return 0
