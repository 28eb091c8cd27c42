"""sfo-prescreen application layer: ingest, screening, reports, CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sfo-prescreen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
