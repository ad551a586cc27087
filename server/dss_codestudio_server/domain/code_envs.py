"""The code environments of the instance, as an administrator declares them.

The reference server installs no code environment: studio processes run with the server's Python.
But DSS's templates and projects name code environments (`add_codeenv` blocks, the remapping of a
template import, a project's `settings.codeEnvs`), so an administrator declares the ones the
instance has (`dss-codestudio server add-code-env NAME --python 3.11`); what names one that is not
declared is then refused with a clear message, as DSS refuses a code env it does not have.

A definition is kept as DSS answers it (`envLang`, `envName`, `deploymentMode`, `owner`, `desc`,
`specPackageList`, ...); fields a client saves that the server does not use are kept as sent.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Mapping

from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.errors import Conflict, InvalidRequest, NotFound, clip
from dss_codestudio_server.domain.templates import require_admin
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import Database

LANGUAGES = ("PYTHON", "R")
ENV_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
PYTHON_VERSION = re.compile(r"^(2\.7|3\.\d{1,2})$")
DEPLOYMENT_MODE = "DESIGN_MANAGED"
# What a saved definition may not change: the identity of the env, and who declared it.
FIXED_FIELDS = ("envLang", "envName", "owner", "deploymentMode")


def check_language(lang: str) -> str:
    """Return the language (`PYTHON` or `R`, any case given), or raise InvalidRequest."""
    upper = lang.upper()
    if upper not in LANGUAGES:
        raise InvalidRequest(f"Invalid code env language {clip(lang, 40)!r}: use PYTHON or R")
    return upper


def check_env_name(name: str) -> str:
    """Return the name if it is a valid code env name (letters, digits, `_`, `.`, `-`), or raise InvalidRequest."""
    if not ENV_NAME.fullmatch(name):
        raise InvalidRequest(
            f"Invalid code env name {clip(name, 120)!r}: use up to 100 letters, digits, '_', '.' and '-'"
            " (starting with a letter or digit)"
        )
    return name


def python_interpreter(version: str | None) -> str:
    """`3.11` -> `PYTHON311` (DSS's name of the interpreter); None means the server's own Python."""
    if version is None:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if not PYTHON_VERSION.fullmatch(version):
        raise InvalidRequest(f"Invalid Python version {clip(version, 40)!r}: give MAJOR.MINOR, e.g. 3.11")
    return "PYTHON" + version.replace(".", "")


class CodeEnvService:
    """Declare, list, read and save the instance's code environments."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def declare(
        self,
        owner: str,
        lang: str,
        name: str,
        *,
        python: str | None = None,
        description: str | None = None,
        packages: list[str] | None = None,
    ) -> JsonObject:
        """Declare a code env the instance has (Conflict if one of that language and name exists)."""
        lang, name = check_language(lang), check_env_name(name)
        desc: JsonObject = {"installCorePackages": True}
        if lang == "PYTHON":
            desc["pythonInterpreter"] = python_interpreter(python)
        elif python is not None:
            raise InvalidRequest("An R code env has no Python version")
        definition: JsonObject = {
            "envLang": lang,
            "envName": name,
            "deploymentMode": DEPLOYMENT_MODE,
            "owner": owner,
            "desc": desc,
            "specPackageList": "\n".join(packages or []),
            "allContainerConfs": False,
            "containerConfs": [],
        }
        if description:
            definition["description"] = description
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO code_envs (env_lang, env_name, owner, definition_json, created_ms)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (lang, name, owner, json.dumps(definition), now_ms()),
                )
        except sqlite3.IntegrityError as exc:
            raise Conflict(f"Code env already exists: {lang} {name}") from exc
        return definition

    def remove(self, lang: str, name: str) -> None:
        """Remove a declared code env (NotFound if there is none)."""
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM code_envs WHERE env_lang = ? AND env_name = ?", (check_language(lang), name)
            )
        if cursor.rowcount == 0:
            raise NotFound(f"Code env does not exist: {lang} {clip(name, 120)}")

    def definitions(self) -> list[JsonObject]:
        """Return every declared code env's definition, by language and name."""
        rows = self._db.query("SELECT definition_json FROM code_envs ORDER BY env_lang, env_name")
        return [json.loads(row["definition_json"]) for row in rows]

    def exists(self, lang: str, name: str) -> bool:
        """Whether a code env of that language and name is declared."""
        row = self._db.query_one("SELECT 1 FROM code_envs WHERE env_lang = ? AND env_name = ?", (lang.upper(), name))
        return row is not None

    def declared(self) -> frozenset[tuple[str, str]]:
        """Return the (language, name) of every declared code env."""
        return frozenset(
            (r["env_lang"], r["env_name"]) for r in self._db.query("SELECT env_lang, env_name FROM code_envs")
        )

    def get(self, lang: str, name: str) -> JsonObject:
        """Return the definition of a declared code env (NotFound otherwise)."""
        lang = check_language(lang)
        row = self._db.query_one(
            "SELECT definition_json FROM code_envs WHERE env_lang = ? AND env_name = ?", (lang, name)
        )
        if row is None:
            raise NotFound(f"Code env does not exist: {lang} {clip(name, 120)}")
        definition: JsonObject = json.loads(row["definition_json"])
        return definition

    def save(self, principal: Principal, lang: str, name: str, definition: Mapping[str, object]) -> JsonObject:
        """Replace a code env's definition (administrators only); its identity and owner stay. Returns it."""
        require_admin(principal)
        current = self.get(lang, name)
        saved: JsonObject = dict(definition)
        for key in FIXED_FIELDS:
            saved[key] = current[key]
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE code_envs SET definition_json = ? WHERE env_lang = ? AND env_name = ?",
                (json.dumps(saved), current["envLang"], name),
            )
        return saved
