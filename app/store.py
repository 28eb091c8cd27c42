"""Storage of screenings and API keys (SQLAlchemy): an SQLite file by default, PostgreSQL by URL.

The document itself is stored only when `SFO_PRESCREEN_STORE_DOCUMENTS` asks for it. Keys are
stored as SHA-256 hashes (they are 256-bit random tokens, so a plain hash is enough) and compared
in constant time. The schema is versioned by a small ordered list of migrations recorded in
`schema_version` — two tables do not justify Alembic's machinery; moving to Alembic later only
needs the current version stamped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

from app.errors import ConfigError
from nlp.types import Screening

Role = Literal["reviewer", "inspector"]
SummaryRow = tuple[str, dt.datetime, str, str | None]
KEY_PREFIX = "sfo_"
metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, primary_key=True))
api_keys = Table(
    "api_keys", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
screenings = Table(
    "screenings", metadata,
    Column("id", String(36), primary_key=True),
    Column("key_id", String(36), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("filename", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("composite", String(40)),
    Column("screening", Text, nullable=False),
    Column("document", LargeBinary),
)


def _create_v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[api_keys, screenings])


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_v1,)


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    role: Role


@dataclass(frozen=True)
class StoredScreening:
    id: str
    key_id: str
    created_at: dt.datetime
    screening: Screening
    document: bytes | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Store:
    def __init__(self, url: str) -> None:
        try:
            self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self.migrate()
        except Exception as exc:  # driver errors vary: a bad URL, no server, no permission
            raise ConfigError(f"cannot open the database at {_redact(url)} ({type(exc).__name__}): check "
                              "SFO_PRESCREEN_DATABASE_URL") from None

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def migrate(self) -> int:
        """Apply missing migrations in order; return the schema version."""
        with self._tx() as conn:
            metadata.create_all(conn, tables=[schema_version])
            current = conn.execute(select(func.max(schema_version.c.version))).scalar() or 0
            for number, step in enumerate(MIGRATIONS, start=1):
                if number > current:
                    step(conn)
                    conn.execute(insert(schema_version).values(version=number))
            return len(MIGRATIONS)

    # keys
    def create_key(self, name: str, role: Role) -> str:
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self._tx() as conn:
            if conn.execute(select(api_keys.c.id).where(api_keys.c.name == name)).first():
                raise ConfigError(f"a key named {name!r} already exists: choose another name")
            conn.execute(insert(api_keys).values(id=str(uuid.uuid4()), name=name, role=role, key_hash=_hash(key),
                                                 created_at=_now()))
        return key

    def revoke_key(self, name: str) -> bool:
        with self._tx() as conn:
            result = conn.execute(update(api_keys).where(api_keys.c.name == name, api_keys.c.revoked_at.is_(None))
                                  .values(revoked_at=_now()))
            return bool(result.rowcount)

    def list_keys(self) -> list[tuple[str, str, bool]]:
        with self._tx() as conn:
            rows = conn.execute(select(api_keys.c.name, api_keys.c.role, api_keys.c.revoked_at)
                                .order_by(api_keys.c.created_at)).all()
        return [(r.name, r.role, r.revoked_at is not None) for r in rows]

    def authenticate(self, key: str) -> ApiKey | None:
        digest = _hash(key)
        with self._tx() as conn:
            row = conn.execute(select(api_keys).where(api_keys.c.key_hash == digest,
                                                      api_keys.c.revoked_at.is_(None))).first()
        if row is None or not hmac.compare_digest(row.key_hash, digest):
            return None
        return ApiKey(row.id, row.name, row.role)

    # screenings
    def save(self, screening: Screening, key: ApiKey, document: bytes | None) -> str:
        ident = str(uuid.uuid4())
        with self._tx() as conn:
            conn.execute(insert(screenings).values(
                id=ident, key_id=key.id, created_at=_now(), filename=screening.document.filename,
                sha256=screening.document.sha256, composite=screening.ratings.composite.rating,
                screening=screening.model_dump_json(), document=document))
        return ident

    def _visible(self, key: ApiKey):  # type: ignore[no-untyped-def]
        return True if key.role == "inspector" else screenings.c.key_id == key.id

    def get(self, ident: str, key: ApiKey) -> StoredScreening | None:
        with self._tx() as conn:
            row = conn.execute(select(screenings).where(screenings.c.id == ident, self._visible(key))).first()
        if row is None:
            return None
        return StoredScreening(row.id, row.key_id, row.created_at, Screening.model_validate_json(row.screening),
                               row.document)

    def delete(self, ident: str, key: ApiKey) -> bool:
        with self._tx() as conn:
            return bool(conn.execute(delete(screenings).where(screenings.c.id == ident, self._visible(key))).rowcount)

    def list(self, key: ApiKey, limit: int, offset: int, since: dt.datetime | None = None,
             until: dt.datetime | None = None, rating: str | None = None) -> tuple[int, list[SummaryRow]]:
        query = select(screenings.c.id, screenings.c.created_at, screenings.c.filename, screenings.c.composite) \
            .where(self._visible(key))
        if since is not None:
            query = query.where(screenings.c.created_at >= since)
        if until is not None:
            query = query.where(screenings.c.created_at < until)
        if rating is not None:
            query = query.where(screenings.c.composite == rating)
        with self._tx() as conn:
            total = conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0
            rows = conn.execute(query.order_by(screenings.c.created_at.desc()).limit(limit).offset(offset)).all()
        return total, [(r.id, r.created_at, r.filename, r.composite) for r in rows]

    def purge(self, older_than_days: int) -> int:
        cutoff = _now() - dt.timedelta(days=older_than_days)
        with self._tx() as conn:
            return int(conn.execute(delete(screenings).where(screenings.c.created_at < cutoff)).rowcount)


SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run beside one writer and survives a killed process; concurrent writers wait
    their turn (busy timeout) instead of failing with 'database is locked'."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url


@lru_cache(maxsize=4)
def open_store(url: str) -> Store:
    return Store(url)
