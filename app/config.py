"""The user's checks configuration (TOML): turn checks off, change severities, allow terms."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import ConfigError
from nlp.checks import registry
from nlp.readability import ReadabilityThresholds, default_thresholds
from nlp.types import Finding, Severity

DEFAULT_CONFIG_NAME = "sfo-prescreen.toml"


class CheckOverride(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    severity: Severity | None = None


class Terms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    allowed: tuple[str, ...] = ()


class ReadabilityOverride(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    long_sentence_words: int | None = Field(None, gt=0)
    min_section_sentences: int | None = Field(None, gt=0)
    hard_section_reading_ease: float | None = None

    def applied_to(self, base: ReadabilityThresholds) -> ReadabilityThresholds:
        return base.model_copy(update=self.model_dump(exclude_none=True))


class CoverageSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    chronology_gap_days: int = Field(90, gt=0)


class ChecksConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    checks: dict[str, CheckOverride] = Field(default_factory=dict)
    terms: Terms = Terms()
    readability: ReadabilityOverride = ReadabilityOverride()
    coverage: CoverageSettings = CoverageSettings()

    def readability_thresholds(self) -> ReadabilityThresholds:
        return self.readability.applied_to(default_thresholds())

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """Drop findings of disabled checks and apply severity overrides."""
        out = []
        for f in findings:
            override = self.checks.get(f.check)
            if override is None:
                out.append(f)
            elif override.enabled:
                out.append(f.model_copy(update={"severity": override.severity or f.severity}))
        return out


def load_config(path: Path | None) -> ChecksConfig:
    """Load `path`, or ./sfo-prescreen.toml when present, or the defaults."""
    if path is None:
        default = Path.cwd() / DEFAULT_CONFIG_NAME
        if not default.is_file():
            return ChecksConfig()
        path = default
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from None
    try:
        config = ChecksConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"configuration file {path}: {key}: {first['msg']}") from None
    unknown = sorted(set(config.checks) - set(registry()))
    if unknown:
        raise ConfigError(f"configuration file {path}: checks.{unknown[0]}: no such check "
                          "(run `sfo-prescreen checks` for the list)")
    return config
