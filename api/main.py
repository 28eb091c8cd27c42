"""The HTTP face: app factory with health, readiness and screening routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.errors import install_error_handlers
from api.guard import RequestGuard
from api.middleware import install_request_ids
from api.ratelimit import FailureLimiter
from api.routes import checks, health, screenings, web
from api.workers import shutdown_pools
from app import __version__
from app.settings import Settings, get_settings


@asynccontextmanager
async def _lifespan(_: FastAPI) -> AsyncIterator[None]:
    yield
    shutdown_pools()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application; `settings` replaces the environment's (tests, embedding)."""
    app = FastAPI(title="sfo-prescreen", version=__version__, lifespan=_lifespan,
                  description="Pre-screens SFO review drafts against the HMI Probation standards.")
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    app.state.auth_failures = FailureLimiter()
    install_error_handlers(app)
    install_request_ids(app)
    app.add_middleware(RequestGuard)
    origins = (settings or get_settings()).cors_origins
    if origins:  # closed unless configured: no CORS headers at all by default
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"])
    app.include_router(health.router)
    app.include_router(screenings.router)
    app.include_router(checks.router)
    app.include_router(web.router)
    return app
