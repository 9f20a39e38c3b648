"""Local accounts: Argon2id passwords, roles, and lockout after repeated failed logins."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, Role, require
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

# OWASP floor for Argon2id: m=19 MiB, t=2, p=1 (fast enough for an old office PC).
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
MAX_FAILED = 5
LOCK_MINUTES = 15
MIN_PASSWORD, MAX_PASSWORD = 8, 128
_COMMON = {
    "password",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyui",
    "password1",
    "admin123",
    "bismillah",
    "indonesia",
    "rahasia123",
    "katasandi",
    "11111111",
    "00000000",
    "sayang123",
}

issues.define_all(
    {
        "auth.failed": ("Nama pengguna atau kata sandi salah.", "Wrong username or password."),
        "auth.locked": (
            "Akun dikunci sementara karena terlalu banyak percobaan gagal; coba lagi setelah {minutes} menit.",
            "The account is locked after too many failed attempts; try again in {minutes} minutes.",
        ),
        "auth.inactive": ("Akun ini dinonaktifkan.", "This account is disabled."),
        "user.exists": (
            "Nama pengguna '{username}' sudah dipakai.",
            "Username '{username}' is taken.",
        ),
        "user.unknown": ("Pengguna '{username}' tidak ada.", "No user '{username}'."),
        "user.username": (
            "Nama pengguna hanya huruf kecil, angka, titik atau garis bawah (3-32 karakter).",
            "Usernames use lowercase letters, digits, dots or underscores (3-32 characters).",
        ),
        "user.role": ("Peran '{role}' tidak dikenal.", "Unknown role '{role}'."),
        "password.short": (
            "Kata sandi minimal {min} karakter.",
            "Passwords need at least {min} characters.",
        ),
        "password.long": (
            "Kata sandi maksimal {max} karakter.",
            "Passwords may have at most {max} characters.",
        ),
        "password.common": (
            "Kata sandi ini terlalu umum; pilih yang lain.",
            "This password is too common; choose another.",
        ),
        "user.last_admin": (
            "Admin terakhir tidak boleh dinonaktifkan.",
            "The last admin cannot be disabled.",
        ),
    }
)


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError("password.short", "password", min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise UserError("password.long", "password", max=MAX_PASSWORD)
    if password.lower() in _COMMON:
        raise UserError("password.common", "password")


def valid_username(username: str) -> bool:
    """3-32 characters: lower-case letters, digits, dots and underscores."""
    return 3 <= len(username) <= 32 and all(
        c.islower() or c.isdigit() or c in "._" for c in username
    )


def add_user_unchecked(
    session: Session, *, username: str, full_name: str, role: str, password: str, by: str
) -> User:
    """Create an account inside an open transaction (used by setup before any admin exists)."""
    if not valid_username(username):
        raise UserError("user.username", "username")
    if role not in {r.value for r in Role}:
        raise UserError("user.role", "role", role=role)
    check_password_policy(password)
    if session.exec(select(User).where(User.username == username)).first():
        raise UserError("user.exists", "username", username=username)
    user = User(
        username=username,
        full_name=full_name.strip(),
        role=role,
        password_hash=HASHER.hash(password),
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    audit.record(session, by, "user.create", "user", username, {"role": role})
    return user


def create_user(
    ctx: AppContext, *, actor: User, username: str, full_name: str, role: str, password: str
) -> User:
    require(actor, Perm.USERS_MANAGE)
    with ctx.db.writer() as session:
        return add_user_unchecked(
            session,
            username=username,
            full_name=full_name,
            role=role,
            password=password,
            by=actor.username,
        )


def list_users(ctx: AppContext, *, actor: User) -> list[User]:
    require(actor, Perm.USERS_MANAGE)
    with ctx.db.reader() as session:
        return list(session.exec(select(User).order_by(User.username)))


def authenticate(ctx: AppContext, username: str, password: str) -> User:
    """The user if the password matches; counts failures and locks the account after five."""
    with ctx.db.writer() as session:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            HASHER.hash(password)  # same cost as a real check, so timing does not reveal usernames
            raise UserError("auth.failed")
        now = utcnow()
        if user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise UserError("auth.locked", minutes=minutes)
        try:
            HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_attempts += 1
            locked = user.failed_attempts >= MAX_FAILED
            if locked:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_attempts = 0
            session.add(user)
            audit.record(
                session, username, "auth.lock" if locked else "auth.fail", "user", username
            )
            session.commit()
            error = (
                UserError("auth.locked", minutes=LOCK_MINUTES)
                if locked
                else UserError("auth.failed")
            )
            raise error from None
        if not user.active:
            raise UserError("auth.inactive")
        if HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = HASHER.hash(password)
        user.failed_attempts = 0
        user.locked_until = None
        user.last_login = now
        session.add(user)
        audit.record(session, username, "auth.login", "user", username)
        return user


def _get(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise UserError("user.unknown", username=username)
    return user


def set_password(ctx: AppContext, *, actor: User, username: str, password: str) -> None:
    if actor.username != username:
        require(actor, Perm.USERS_MANAGE)
    check_password_policy(password)
    with ctx.db.writer() as session:
        user = _get(session, username)
        user.password_hash = HASHER.hash(password)
        session.add(user)
        audit.record(session, actor, "user.password", "user", username)


def set_active(ctx: AppContext, *, actor: User, username: str, active: bool) -> None:
    require(actor, Perm.USERS_MANAGE)
    with ctx.db.writer() as session:
        user = _get(session, username)
        if not active and user.role == Role.ADMIN:
            admins = session.exec(
                select(User).where(User.role == Role.ADMIN, User.active == True)  # noqa: E712
            ).all()
            if len(admins) <= 1:
                raise UserError("user.last_admin")
        user.active = active
        session.add(user)
        audit.record(session, actor, "user.enable" if active else "user.disable", "user", username)


def unlock(ctx: AppContext, *, actor: User, username: str) -> None:
    require(actor, Perm.USERS_MANAGE)
    with ctx.db.writer() as session:
        user = _get(session, username)
        user.locked_until, user.failed_attempts = None, 0
        session.add(user)
        audit.record(session, actor, "user.unlock", "user", username)


def set_role(ctx: AppContext, *, actor: User, username: str, role: str) -> None:
    require(actor, Perm.USERS_MANAGE)
    if role not in {r.value for r in Role}:
        raise UserError("user.role", "role", role=role)
    with ctx.db.writer() as session:
        user = _get(session, username)
        old = user.role
        user.role = role
        session.add(user)
        audit.record(session, actor, "user.role", "user", username, {"old": old, "new": role})
