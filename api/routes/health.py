from __future__ import annotations

from fastapi import APIRouter

from api.deps import PipelineDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(nlp: PipelineDep) -> dict[str, str]:
    """The language pipeline is loaded and screenings can be served."""
    return {"status": "ready", "pipeline": str(nlp.meta.get("name", ""))}
