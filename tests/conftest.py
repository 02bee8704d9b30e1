"""Shared fixtures: paths to the seeds and gold, and a tiny corpus writer."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "gold"
SHARED = REPO.parent / "shared"


@pytest.fixture
def write_corpus(tmp_path):
    """Write ``{name: bytes|str}`` into a fresh folder and return its path."""

    def _write(files: dict[str, bytes | str]) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        return folder

    return _write


@pytest.fixture(scope="session")
def seed_tables():
    """The seed corpus scored once per test session."""
    from framing.pipeline import score_corpus

    return score_corpus(SEEDS)
