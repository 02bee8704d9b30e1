"""The command line, through ``main([...])`` into a temporary folder."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from framing.cli import main

from .conftest import SEEDS

GOOD = (
    "Leaders sign a deal\n\nThe two leaders signed an agreement on critical minerals on "
    "Tuesday, officials said. They also discussed trade and security.\n"
)


def test_score_writes_tables_and_summaries(tmp_path, capsys):
    assert main(["score", str(SEEDS), "--out", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    for name in ("articles", "removed", "sentences"):
        assert (tmp_path / f"{name}.csv").exists()
        assert out.count(f"{name}: ") == 1
    assert "(5 ok, 0 skipped, 0 error)" in out
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    assert {"article_id", "sent_id", "para_id", "start", "end", "text", "n_words"} <= set(
        sentences.columns
    )


def test_bad_files_are_listed_and_good_ones_scored(write_corpus, tmp_path, capsys):
    folder = write_corpus({"good.txt": GOOD, "empty.txt": b"", "bin.txt": b"\x00\x01\x02" * 99})
    assert main(["score", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "(1 ok, 2 skipped, 0 error)" in out
    assert "skipped: empty.txt: empty file" in out
    assert "skipped: bin.txt: binary file" in out
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", keep_default_na=False)
    assert sorted(articles["article_id"]) == ["bin", "empty", "good"]


def test_missing_corpus_exits_2_with_one_line(tmp_path, capsys):
    assert main(["score", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("framing: error: corpus not found")
    assert "Traceback" not in err


def test_bad_furniture_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules: [", encoding="utf-8")
    code = main(["score", str(SEEDS), "--out", str(tmp_path / "o"), "--furniture", str(bad)])
    assert code == 2
    assert "rules.yaml: not valid YAML" in capsys.readouterr().err


def test_figures_are_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["figures", "--corpus", str(SEEDS), "--out", str(first), "--quiet"]) == 0
    assert main(["figures", "--corpus", str(SEEDS), "--out", str(second), "--quiet"]) == 0
    names = sorted(p.name for p in first.iterdir())
    assert names and names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    svg = (first / names[-1]).read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_python_dash_m_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("framing ")


def test_bad_codebook_exits_2_naming_the_file(tmp_path, capsys):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("topics:\n  - id: alliance\n    include: 3\n", encoding="utf-8")
    code = main(["score", str(SEEDS), "--out", str(tmp_path / "o"), "--codebook", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("framing: error:") and "codebook.yaml" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_actors_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "nope.yaml"
    code = main(["score", str(SEEDS), "--out", str(tmp_path / "o"), "--actors", str(missing)])
    assert code == 2
    assert "nope.yaml" in capsys.readouterr().err


def test_policy_frames_codebook_by_name(tmp_path):
    assert (
        main(
            ["score", str(SEEDS), "--out", str(tmp_path), "--codebook", "policy_frames", "--quiet"]
        )
        == 0
    )
    scores = pd.read_csv(tmp_path / "topic_scores.csv")
    assert "economic" in set(scores["topic"])
