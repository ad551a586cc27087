"""Who reaches a running studio's ports through the server's proxy, and how browsers log in to one.

A studio is personal: its owner alone uses it, as in DSS ("only the owner of a code studio can use
it"). Whoever started it (the owner, a project administrator or an instance administrator may),
only the owner reaches its files: through the proxy, and through the API's conflicts, pull and
push. Instance administrators are not let in either: a studio holds its owner's private files (the
user zones), and an administrator who must get in takes the studio over with `change-owner`, which
empties the previous owner's session from it first.

Decisions, in this order: the caller must read the project (403 otherwise, whether or not the
studio exists), the studio must exist (404), the caller must own it (403), it must be RUNNING
(404) and expose the port (404). The answer (`ProxyTarget`) says where the port listens and what
the proxy adds to each request: the secret of the studio's start, the only thing its entry points
answer to.

Browsers cannot send API keys. The owner of a running studio asks the API for a login link (a
reference-server extension): a single-use ticket, valid `ticket_seconds`, which the proxy redeems
for a session cookie scoped to that studio's path. Only keyed hashes (HMAC with a key drawn at
server start) of tickets and sessions are kept, in memory: a server restart logs browsers out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.errors import Conflict, Forbidden, NotAuthenticated, NotFound
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.domain.projects import ProjectService
from dss_codestudio_server.domain.studio_state import RUNNING
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.runtime import browser_path

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio
    from dss_codestudio_server.domain.studio_lifecycle import StudioLifecycle

TICKET_SECONDS = 60
SESSION_SECONDS = 12 * 3600
MAX_TICKETS = 10_000
MAX_SESSIONS = 10_000


@dataclass(frozen=True)
class LoginLink:
    """A single-use browser login link into a studio's port."""

    url: str
    """Relative to the server's base URL: `code-studios/<projectKey>/<codeStudioId>/__login?ticket=...`."""
    expires_in: int
    """Seconds the link works for (once)."""


@dataclass(frozen=True)
class ProxyTarget:
    """Where the proxy forwards a request for a studio's port, and what it adds to it."""

    local_port: int
    """The port on 127.0.0.1 the entry point listens on."""
    browser_path: str
    """`/code-studios/<projectKey>/<codeStudioId>/<port>`: the prefix of the port's URLs."""
    proxied_url_suffix: str
    """`/` (or another path) followed by what comes after the prefix, or `/$request_uri`: the whole path."""
    headers: tuple[tuple[str, str], ...]
    """The headers carrying the start's secret."""
    cookie: tuple[str, str] | None
    """A cookie carrying the start's secret, for entry points that want one."""
    socket: str | None = None
    """With a network of its own, the unix socket reaching the port (`local_port` is then inside the studio)."""
    local_host: bool = False
    """Whether the port is sent its own local address as `Host` (the caller's in `X-Forwarded-Host`)."""


@dataclass(frozen=True)
class _Grant:
    """What a ticket or a session lets its holder into."""

    login: str
    project_key: str
    studio_id: str
    port: int
    expires: float


class BrowserLogins:
    """Single-use login tickets for browsers, and the sessions they open (keyed hashes only, in memory)."""

    def __init__(
        self,
        *,
        ticket_seconds: float = TICKET_SECONDS,
        session_seconds: float = SESSION_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ticket_seconds = ticket_seconds
        self.session_seconds = session_seconds
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._tickets: dict[bytes, _Grant] = {}
        self._sessions: dict[bytes, _Grant] = {}
        self._lock = threading.Lock()

    def _hash(self, token: str) -> bytes:
        return hmac.new(self._key, token.encode(), hashlib.sha256).digest()

    def _keep(self, table: dict[bytes, _Grant], limit: int) -> None:
        now = self._clock()
        for key in [k for k, grant in table.items() if grant.expires <= now]:
            del table[key]
        while len(table) >= limit:
            del table[next(iter(table))]  # the oldest

    def mint(self, login: str, project_key: str, studio_id: str, port: int) -> str:
        """Return a new ticket into a studio's port, valid `ticket_seconds`, once."""
        ticket = secrets.token_urlsafe(32)
        grant = _Grant(login, project_key, studio_id, port, self._clock() + self.ticket_seconds)
        with self._lock:
            self._keep(self._tickets, MAX_TICKETS)
            self._tickets[self._hash(ticket)] = grant
        return ticket

    def redeem(self, ticket: str, project_key: str, studio_id: str) -> tuple[str, str, int] | None:
        """Use a ticket of this studio up: (session token, login, port), or None if it is unknown, used or expired."""
        if not ticket or len(ticket) > 200:
            return None
        with self._lock:
            grant = self._tickets.pop(self._hash(ticket), None)
            if grant is None or grant.expires <= self._clock():
                return None
            if (grant.project_key, grant.studio_id) != (project_key, studio_id):
                return None
            session = secrets.token_urlsafe(32)
            self._keep(self._sessions, MAX_SESSIONS)
            self._sessions[self._hash(session)] = _Grant(
                grant.login, project_key, studio_id, grant.port, self._clock() + self.session_seconds
            )
        return session, grant.login, grant.port

    def session(self, token: str, project_key: str, studio_id: str) -> str | None:
        """Return the login of a live session of this studio, or None."""
        if not token or len(token) > 200:
            return None
        with self._lock:
            grant = self._sessions.get(self._hash(token))
        if grant is None or grant.expires <= self._clock():
            return None
        if (grant.project_key, grant.studio_id) != (project_key, studio_id):
            return None
        return grant.login


class StudioAccess:
    """The proxy's and the browser login's access decisions (see the module docstring)."""

    def __init__(
        self,
        projects: ProjectService,
        users: UserService,
        lifecycle: StudioLifecycle,
        find_studio: Callable[[str, str], CodeStudio | None],
        logins: BrowserLogins,
    ) -> None:
        self._projects = projects
        self._users = users
        self._lifecycle = lifecycle
        self._find = find_studio
        self.logins = logins

    def owned(self, principal: Principal, project_key: str, studio_id: str) -> CodeStudio:
        """Return a studio of a project the caller may read, if the caller owns it (403 otherwise)."""
        self._projects.require(principal, project_key, Access.READ)
        studio = self._find(project_key, studio_id)
        if studio is None:
            raise NotFound(f"Code studio does not exist: {studio_id}")
        if studio.owner != principal.login:
            raise Forbidden(f"Action forbidden, only the owner of code studio {studio_id} may use it")
        return studio

    def target(self, principal: Principal, project_key: str, studio_id: str, port: int) -> ProxyTarget:
        """Return where a request of `principal` for a studio's port goes (403, 404 as the module says)."""
        return self._lifecycle.running_port(self.owned(principal, project_key, studio_id), port)

    def browser_login(self, principal: Principal, project_key: str, studio_id: str, port: int | None) -> LoginLink:
        """Mint a login link into a running studio of the caller's (a port of it, else its first HTML one)."""
        studio = self.owned(principal, project_key, studio_id)
        exposed = self._lifecycle.exposed_ports(studio)
        if exposed is None:
            raise Conflict(f"Code studio {studio_id} is not {RUNNING}: start it, then ask for a login link")
        if port is None:
            ranked = [p for p, is_html in exposed if is_html] + [p for p, is_html in exposed if not is_html]
            if not ranked:
                raise NotFound(f"Code studio {studio_id} exposes no port")
            port = ranked[0]
        elif port not in {p for p, _ in exposed}:
            raise NotFound(f"Code studio {studio_id} exposes no port {port}")
        ticket = self.logins.mint(principal.login, project_key, studio_id, port)
        prefix = browser_path(project_key, studio_id).lstrip("/")
        return LoginLink(f"{prefix}/__login?ticket={ticket}", int(self.logins.ticket_seconds))

    def redeem(self, project_key: str, studio_id: str, ticket: str) -> tuple[str, ProxyTarget, int]:
        """Use a login ticket up: (session token, the port's target, the port); NotAuthenticated if it is no good."""
        redeemed = self.logins.redeem(ticket, project_key, studio_id)
        if redeemed is None:
            raise NotAuthenticated("This login link is unknown, expired or already used: ask for a new one")
        session, login, port = redeemed
        return session, self.target(self._principal(login), project_key, studio_id, port), port

    def session_principal(self, token: str, project_key: str, studio_id: str) -> Principal | None:
        """Return the user of a browser session of this studio, or None."""
        login = self.logins.session(token, project_key, studio_id)
        if login is None:
            return None
        try:
            return self._users.get(login)
        except NotFound:
            return None

    def _principal(self, login: str) -> Principal:
        try:
            return self._users.get(login)
        except NotFound as exc:
            raise NotAuthenticated("The user of this login link does not exist anymore") from exc
