"""Users and their API keys.

Only a keyed hash of each key is stored: HMAC-SHA256 with an instance secret kept in a separate
file of the data directory (readable by its owner only). Looking a key up is one indexed query,
and a copy of the database alone does not let anyone test guessed keys.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from dss_codestudio_server.domain.clock import BASE62, now_ms
from dss_codestudio_server.domain.errors import Conflict, InvalidRequest, NotAuthenticated, NotFound
from dss_codestudio_server.storage import Database, atomic_write_bytes

KEY_PREFIX = "dkuaps-"
KEY_RANDOM_LENGTH = 32
MAX_LOGIN_LENGTH = 256
BOOTSTRAP_ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    """The user an API key authenticates as."""

    login: str
    is_admin: bool = False
    may_create_projects: bool = False
    groups: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class NewKey:
    """A freshly created API key: the only time its secret is known."""

    login: str
    key: str


def _load_secret(path: Path) -> bytes:
    if not path.exists():
        atomic_write_bytes(path, secrets.token_bytes(32))
        os.chmod(path, 0o600)
    secret = path.read_bytes()
    if len(secret) < 32:
        raise RuntimeError(f"{path} is damaged: it should hold at least 32 bytes")
    return secret


def check_login(login: str) -> str:
    """Validate a login: non-blank, printable, bounded."""
    if not login or not login.strip() or len(login) > MAX_LOGIN_LENGTH:
        raise InvalidRequest(f"Invalid login {login!r}")
    if any(ord(ch) < 32 for ch in login) or "/" in login:
        raise InvalidRequest(f"Invalid login {login!r}: control characters and '/' are not allowed")
    return login


class UserService:
    """Users, API keys and authentication."""

    def __init__(self, db: Database, secret_path: Path) -> None:
        self._db = db
        self._secret = _load_secret(secret_path)

    def _hash(self, key: str) -> bytes:
        return hmac.new(self._secret, key.encode(), hashlib.sha256).digest()

    @staticmethod
    def _principal(row: sqlite3.Row) -> Principal:
        return Principal(
            login=row["login"],
            is_admin=bool(row["is_admin"]),
            may_create_projects=bool(row["may_create_projects"]),
            groups=tuple(json.loads(row["groups_json"])),
        )

    def authenticate(self, key: str) -> Principal:
        """Return the user of an API key; NotAuthenticated("Unknown API Key") if there is none."""
        if not key or len(key) > 512:
            raise NotAuthenticated("Unknown API Key")
        row = self._db.query_one(
            "SELECT u.* FROM api_keys k JOIN users u ON u.login = k.login WHERE k.key_hash = ?", (self._hash(key),)
        )
        if row is None:
            raise NotAuthenticated("Unknown API Key")
        return self._principal(row)

    def find_key(self, key: str) -> Principal | None:
        """Return the user of an API key, or None."""
        try:
            return self.authenticate(key)
        except NotAuthenticated:
            return None

    def get(self, login: str) -> Principal:
        """Return the user with this login (NotFound otherwise)."""
        row = self._db.query_one("SELECT * FROM users WHERE login = ?", (login,))
        if row is None:
            raise NotFound(f"User does not exist: {login}")
        return self._principal(row)

    def exists(self, login: str) -> bool:
        """Whether a user with this login exists."""
        return self._db.query_one("SELECT 1 FROM users WHERE login = ?", (login,)) is not None

    def all_users(self) -> list[Principal]:
        """Every user, by login."""
        return [self._principal(r) for r in self._db.query("SELECT * FROM users ORDER BY login")]

    def add_user(
        self,
        login: str,
        *,
        admin: bool = False,
        may_create_projects: bool = False,
        groups: tuple[str, ...] = (),
        display_name: str | None = None,
    ) -> NewKey:
        """Create a user and a first API key for it."""
        check_login(login)
        key = self._new_key_secret()
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO users (login, display_name, is_admin, may_create_projects, groups_json, created_ms)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        login,
                        display_name or login,
                        int(admin),
                        int(may_create_projects or admin),
                        json.dumps(list(groups)),
                        now_ms(),
                    ),
                )
                self._insert_key(conn, login, key, "created with the user")
        except sqlite3.IntegrityError as exc:
            raise Conflict(f"User already exists: {login}") from exc
        return NewKey(login, key)

    def add_key(self, login: str, label: str = "") -> NewKey:
        """Create another API key for an existing user."""
        key = self._new_key_secret()
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM users WHERE login = ?", (login,)).fetchone() is None:
                raise NotFound(f"User does not exist: {login}")
            self._insert_key(conn, login, key, label or "added")
        return NewKey(login, key)

    def revoke_key(self, key: str) -> bool:
        """Delete an API key; True if it existed."""
        with self._db.transaction() as conn:
            cursor = conn.execute("DELETE FROM api_keys WHERE key_hash = ?", (self._hash(key),))
        return cursor.rowcount > 0

    def bootstrap_admin(self) -> NewKey | None:
        """On an instance with no administrator, create one and return its key (shown once)."""
        if self._db.query_one("SELECT 1 FROM users WHERE is_admin = 1") is not None:
            return None
        if self.exists(BOOTSTRAP_ADMIN):
            with self._db.transaction() as conn:
                conn.execute(
                    "UPDATE users SET is_admin = 1, may_create_projects = 1 WHERE login = ?", (BOOTSTRAP_ADMIN,)
                )
            return self.add_key(BOOTSTRAP_ADMIN, "bootstrap")
        return self.add_user(BOOTSTRAP_ADMIN, admin=True, display_name="Administrator")

    def _insert_key(self, conn: sqlite3.Connection, login: str, key: str, label: str) -> None:
        conn.execute(
            "INSERT INTO api_keys (login, key_hash, label, created_ms) VALUES (?, ?, ?, ?)",
            (login, self._hash(key), label, now_ms()),
        )

    @staticmethod
    def _new_key_secret() -> str:
        return KEY_PREFIX + "".join(secrets.choice(BASE62) for _ in range(KEY_RANDOM_LENGTH))
