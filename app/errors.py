"""Errors a user can act on. Each carries a stable code and a one-line message: what is wrong, what to do."""

from __future__ import annotations

from typing import Any, Literal

ErrorCode = Literal[
    "unsupported_format",
    "empty",
    "corrupt",
    "encrypted",
    "no_text_layer",
    "too_large",
    "zip_bomb",
    "encoding",
    "unsafe_xml",
    "too_complex",
    "config",
    "model",
    "unreadable",
    "timeout",
    "worker_failed",
]


class PrescreenError(Exception):
    """Base of every error shown to a user; never carries document content."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross from API worker processes by pickle; subclasses' own __init__ signatures differ.
        return _rebuild, (type(self), self.code, self.message)


def _rebuild(cls: type[PrescreenError], code: ErrorCode, message: str) -> PrescreenError:
    error = cls.__new__(cls)
    PrescreenError.__init__(error, code, message)
    return error


class IngestError(PrescreenError):
    """The input could not be read as a review draft."""


class ConfigError(PrescreenError):
    def __init__(self, message: str) -> None:
        super().__init__("config", message)


class ModelError(PrescreenError):
    def __init__(self, message: str) -> None:
        super().__init__("model", message)


class ScreeningTimeout(PrescreenError):
    def __init__(self, seconds: float) -> None:
        super().__init__("timeout", f"screening took longer than the limit of {seconds:g} s: split the document "
                                    "or raise SFO_PRESCREEN_REQUEST_TIMEOUT_S")
