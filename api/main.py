"""The HTTP face: app factory with health, readiness and screening routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.middleware import install_request_ids
from api.routes import checks, health, screenings, web
from api.workers import shutdown_pools
from app import __version__


@asynccontextmanager
async def _lifespan(_: FastAPI) -> AsyncIterator[None]:
    yield
    shutdown_pools()


def create_app() -> FastAPI:
    app = FastAPI(title="sfo-prescreen", version=__version__, lifespan=_lifespan,
                  description="Pre-screens SFO review drafts against the HMI Probation standards.")
    install_error_handlers(app)
    install_request_ids(app)
    app.include_router(health.router)
    app.include_router(screenings.router)
    app.include_router(checks.router)
    app.include_router(web.router)
    return app
