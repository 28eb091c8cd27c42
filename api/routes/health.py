from __future__ import annotations

from fastapi import APIRouter

from api.deps import EngineDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(engine: EngineDep) -> dict[str, str]:
    """The language pipeline, glossary and models are loaded and screenings can be served."""
    return {"status": "ready", "pipeline": str(engine.nlp.meta.get("name", "")),
            "passages": engine.passages.meta.version}
