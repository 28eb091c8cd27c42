"""The HTTP face: app factory with health, readiness and screening routes."""

from __future__ import annotations

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.middleware import install_request_ids
from api.routes import checks, health, screenings, web
from app import __version__


def create_app() -> FastAPI:
    app = FastAPI(title="sfo-prescreen", version=__version__,
                  description="Pre-screens SFO review drafts against the HMI Probation standards.")
    install_error_handlers(app)
    install_request_ids(app)
    app.include_router(health.router)
    app.include_router(screenings.router)
    app.include_router(checks.router)
    app.include_router(web.router)
    return app
