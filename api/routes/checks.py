from __future__ import annotations

from fastapi import APIRouter

from api.models import CheckOut
from nlp.checks import registry

router = APIRouter(prefix="/v1/checks", tags=["checks"])


@router.get("", response_model=list[CheckOut])
def list_checks() -> list[CheckOut]:
    """The catalogue of every check: id, standard, default severity and description."""
    return [CheckOut(id=c.id, standard=c.standard, severity=c.severity, description=c.description)
            for c in registry().values()]
