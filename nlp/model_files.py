"""Load a trained artefact (skops) and its metadata safely: only scikit-learn, numpy and scipy types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")
MetaT = TypeVar("MetaT", bound=BaseModel)


class ModelFileError(RuntimeError):
    """A model file is missing, holds unexpected types, or cannot be read."""


def load_artefact(path: Path, meta_path: Path, meta_type: type[MetaT], what: str,
                  retrain: str, error: type[ModelFileError] = ModelFileError) -> tuple[Any, MetaT]:
    """The object stored in `path` and its validated metadata, or `error` (a `ModelFileError`) saying what to do."""
    import skops.io as sio

    if not path.is_file() or not meta_path.is_file():
        raise error(f"no {what} in {path.parent}: run `{retrain}` or set SFO_PRESCREEN_MODELS_DIR")
    try:
        untrusted = sio.get_untrusted_types(file=path)
        unexpected = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
        if unexpected:
            raise error(f"{path} holds unexpected types {unexpected}: refusing to load it")
        obj = sio.load(path, trusted=untrusted)
        meta = meta_type.model_validate(json.loads(meta_path.read_text(encoding="utf-8")))
    except ModelFileError:
        raise
    except Exception as exc:  # skops and scikit-learn raise many types for incompatible files
        raise error(f"the {what} {path} cannot be loaded ({type(exc).__name__}): "
                             f"retrain it with `{retrain}`") from None
    return obj, meta
