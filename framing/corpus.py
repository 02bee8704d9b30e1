"""Loading a corpus into the ``articles`` table.

The only stage that reads files. A corpus is either

* a folder of ``.txt`` files, with an optional ``manifest.csv`` giving each file's metadata
  (columns ``file, outlet, country, outlet_type, date, headline, byline, url``), or
* one table (``.csv``, ``.jsonl``/``.ndjson``, ``.parquet``) with a text column
  (``text``, ``body`` or ``content``) and optional ``article_id`` and metadata columns.

Out comes ``articles``: one row per input, never fewer. Each row has ``status`` (``ok``,
``skipped`` or ``error``) and a ``reason`` saying why, so nothing is lost silently. Raw text
is kept in ``raw_text``; later stages never modify it.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

OK, SKIPPED, ERROR = "ok", "skipped", "error"

METADATA_COLUMNS = ["outlet", "country", "outlet_type", "date", "headline", "byline", "url"]
ARTICLE_COLUMNS = [
    "article_id",
    *METADATA_COLUMNS,
    "source_path",
    "status",
    "reason",
    "encoding",
    "language",
    "language_score",
    "n_chars",
    "raw_text",
]
TEXT_COLUMN_CANDIDATES = ("text", "body", "content")
ID_COLUMN_CANDIDATES = ("article_id", "id", "file")
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
MANIFEST_NAME = "manifest.csv"

# The scoring measures (VADER, the codebooks, the reporting-verb lists) are English-only.
SCORED_LANGUAGES = frozenset({"en"})
# Below this many letters a language guess is noise; such texts are not excluded for language.
MIN_LETTERS_FOR_LANGUAGE = 40
# Share of control characters above which decoded text is treated as binary.
MAX_CONTROL_SHARE = 0.05


class CorpusError(Exception):
    """The corpus as a whole can't be read (missing folder, unreadable table).

    Carries a one-line message meant for the user, naming the path.
    """


def load_corpus(path: str | Path) -> pd.DataFrame:
    """Load a corpus folder or table into the ``articles`` table.

    Parameters
    ----------
    path
        A folder of ``.txt`` files (with optional ``manifest.csv``) or a
        ``.csv``/``.jsonl``/``.parquet`` table with a text column.

    Returns
    -------
    DataFrame with :data:`ARTICLE_COLUMNS`, one row per input file or table row, sorted by
    ``article_id``. Problems become ``status``/``reason`` values, not exceptions.

    Raises
    ------
    CorpusError
        When ``path`` does not exist or is neither a folder nor a readable table.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found: {path}")
    if path.is_dir():
        records = _load_folder(path)
    elif path.suffix.lower() in TABLE_SUFFIXES:
        records = _load_table(path)
    else:
        raise CorpusError(f"{path}: not a folder or a table (.csv, .jsonl, .parquet) of articles")
    return _finish(records)


def _load_folder(folder: Path) -> list[dict]:
    try:
        txt_files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt")
    except OSError as exc:
        raise CorpusError(f"cannot read corpus folder {folder}: {exc.strerror}") from None
    manifest_path = folder / MANIFEST_NAME
    records: list[dict] = []
    described: set[Path] = set()
    if manifest_path.exists():
        for line_no, row in _read_manifest(manifest_path):
            record = _manifest_record(folder, line_no, row)
            if record.get("_file") is not None:
                described.add(record.pop("_file"))
            records.append(record)
    for txt in txt_files:
        if txt.resolve() in described:
            continue
        record = {"article_id": txt.stem, "source_path": txt.name}
        record.update(_read_text_file(txt))
        records.append(record)
    if not records:
        raise CorpusError(f"{folder}: no .txt files and no {MANIFEST_NAME}")
    return records


def _read_manifest(manifest_path: Path) -> list[tuple[int, dict]]:
    """Rows of the manifest with their line numbers (header is line 1)."""
    try:
        text = decode_bytes(manifest_path.read_bytes())[0]
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{manifest_path}: cannot read manifest ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "file" not in [f.strip() for f in reader.fieldnames]:
        raise CorpusError(f"{manifest_path} line 1: manifest needs a 'file' column")
    rows = []
    for row in reader:
        clean_row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        rows.append((reader.line_num, clean_row))
    return rows


def _manifest_record(folder: Path, line_no: int, row: dict) -> dict:
    name = row.get("file", "")
    where = f"{MANIFEST_NAME} line {line_no}"
    record = {k: row.get(k, "") for k in METADATA_COLUMNS}
    record["article_id"] = Path(name).stem if name else f"manifest_line_{line_no}"
    record["source_path"] = name
    if not name:
        return {**record, "status": ERROR, "reason": f"{where}: empty 'file' field"}
    target = (folder / name).resolve()
    if not target.is_relative_to(folder.resolve()):
        return {
            **record,
            "status": ERROR,
            "reason": f"{where}: {name} is outside the corpus folder",
        }
    record["_file"] = target
    if not target.is_file():
        return {**record, "status": ERROR, "reason": f"{where}: file {name} not found"}
    record.update(_read_text_file(target))
    return record


def _read_text_file(path: Path) -> dict:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {"status": ERROR, "reason": f"{path.name}: cannot read ({exc.strerror})"}
    if not data.strip():
        return {"status": SKIPPED, "reason": f"{path.name}: empty file", "raw_text": ""}
    try:
        text, encoding = decode_bytes(data)
    except UnicodeDecodeError:
        return {"status": SKIPPED, "reason": f"{path.name}: binary file, not text"}
    if _looks_binary(text):
        return {"status": SKIPPED, "reason": f"{path.name}: binary file, not text"}
    return {"raw_text": text, "encoding": encoding}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes, returning ``(text, encoding)``.

    Honours a UTF-8 or UTF-16 byte-order mark, then tries strict UTF-8, then UTF-16 without a
    mark (detected by NUL bytes in alternate positions), then Windows-1252, whose undefined
    bytes fall back to Latin-1. Line endings are normalised to ``\\n``.

    Raises ``UnicodeDecodeError`` for data that is not text in any of these (NUL bytes that
    are not UTF-16).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif b"\x00" in data:
        # NUL bytes are valid UTF-8 but mean UTF-16 without a mark, or binary data.
        text, encoding = _decode_legacy(data)
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _decode_legacy(data: bytes) -> tuple[str, str]:
    if b"\x00" in data:
        sample = data[:4000]
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
        raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL bytes in a non-UTF-16 file")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(
        1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f"
    )
    return controls > MAX_CONTROL_SHARE * min(len(text), 20000)


def _load_table(path: Path) -> list[dict]:
    frame = _read_table(path)
    text_column = next((c for c in TEXT_COLUMN_CANDIDATES if c in frame.columns), None)
    if text_column is None:
        raise CorpusError(
            f"{path}: no text column (expected one of {', '.join(TEXT_COLUMN_CANDIDATES)}; "
            f"found {', '.join(map(str, frame.columns))})"
        )
    id_column = next((c for c in ID_COLUMN_CANDIDATES if c in frame.columns), None)
    # CSV line numbers count the header; JSON Lines count from 1; Parquet has rows, not lines.
    first_line = 2 if path.suffix.lower() == ".csv" else 1
    unit = "row" if path.suffix.lower() == ".parquet" else "line"
    records = []
    for position, row in enumerate(frame.to_dict("records")):
        where = f"{path.name} {unit} {position + first_line}"
        raw_id = row.get(id_column) if id_column else None
        article_id = (
            Path(str(raw_id)).stem if _present(raw_id) else f"{path.stem}_{position + 1:06d}"
        )
        record = {k: _as_text(row.get(k)) for k in METADATA_COLUMNS}
        record.update(article_id=article_id, source_path=where)
        value = row.get(text_column)
        if not _present(value) or not str(value).strip():
            record.update(status=SKIPPED, reason=f"{where}: empty {text_column!r}", raw_text="")
        else:
            text = str(value).replace("\r\n", "\n").replace("\r", "\n")
            record.update(raw_text=text, encoding="table")
        records.append(record)
    if not records:
        raise CorpusError(f"{path}: the table has no rows")
    return records


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        if suffix == ".parquet":
            return pd.read_parquet(path)
        return _read_json_lines(path)
    except CorpusError:
        raise
    except (OSError, ValueError, ImportError, pd.errors.ParserError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusError(f"{path}: cannot read table ({message})") from None


def _read_json_lines(path: Path) -> pd.DataFrame:
    rows = []
    text = decode_bytes(path.read_bytes())[0]
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path} line {line_no}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{path} line {line_no}: expected a JSON object")
        rows.append(row)
    return pd.DataFrame(rows)


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def _as_text(value) -> str:
    return str(value).strip() if _present(value) else ""


def _finish(records: list[dict]) -> pd.DataFrame:
    articles = pd.DataFrame.from_records(records)
    for column in ARTICLE_COLUMNS:
        if column not in articles.columns:
            articles[column] = ""
    articles = articles[ARTICLE_COLUMNS].copy()
    text_columns = [c for c in ARTICLE_COLUMNS if c not in ("language_score", "n_chars")]
    articles[text_columns] = articles[text_columns].fillna("").astype(str)
    articles["status"] = articles["status"].replace("", OK)
    articles = _flag_duplicates(articles)
    languages = [
        detect_language(text) if status == OK else ("", float("nan"))
        for text, status in zip(articles["raw_text"], articles["status"], strict=True)
    ]
    articles["language"] = [lang for lang, _ in languages]
    articles["language_score"] = [score for _, score in languages]
    excluded = (articles["status"] == OK) & (articles["language"] != "")
    excluded &= ~articles["language"].isin(SCORED_LANGUAGES)
    articles.loc[excluded, "status"] = SKIPPED
    articles.loc[excluded, "reason"] = [
        f"{src}: language detected as {lang!r}; the measures are English-only, so it is "
        "kept but not scored"
        for src, lang in zip(
            articles.loc[excluded, "source_path"], articles.loc[excluded, "language"], strict=True
        )
    ]
    articles["n_chars"] = articles["raw_text"].str.len()
    return articles.sort_values("article_id", kind="stable").reset_index(drop=True)


def _flag_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    counts = Counter(articles["article_id"])
    seen: set[str] = set()
    statuses, reasons = [], []
    for article_id, status, reason, src in articles[
        ["article_id", "status", "reason", "source_path"]
    ].itertuples(index=False):
        if counts[article_id] > 1 and article_id in seen:
            status = ERROR
            reason = f"{src}: duplicate article_id {article_id!r}; the first occurrence is kept"
        elif counts[article_id] > 1 and status == OK:
            reason = (
                f"article_id {article_id!r} occurs {counts[article_id]} times; this is the first"
            )
        seen.add(article_id)
        statuses.append(status)
        reasons.append(reason)
    return articles.assign(status=statuses, reason=reasons)


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    # The model ships inside the package; nothing is downloaded.
    return LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of ``text`` with py3langid's bundled model (offline).

    Returns ``(iso_code, probability)``; ``("", nan)`` when the text has too few letters to
    tell, in which case the article is not excluded on language grounds.
    """
    if sum(ch.isalpha() for ch in text[:5000]) < MIN_LETTERS_FOR_LANGUAGE:
        return "", float("nan")
    language, probability = _language_identifier().classify(text[:20000])
    return str(language), round(float(probability), 4)


def outlet_labels(articles: pd.DataFrame) -> pd.DataFrame:
    """``article_id, outlet`` with the label every outlet-level table uses.

    The outlet name, stripped; where it is missing or empty (or there is no ``outlet``
    column) the article id, so an article without an outlet is its own group rather than
    being pooled with every other unnamed article. One row per article id.
    """
    if "article_id" not in articles.columns:
        raise KeyError("the articles table needs an 'article_id' column")
    ids = articles["article_id"].astype(str)
    if "outlet" in articles.columns:
        outlet = articles["outlet"].astype("string").fillna("").str.strip()
        outlet = outlet.where(outlet != "", ids)
    else:
        outlet = ids
    out = pd.DataFrame({"article_id": ids, "outlet": outlet.astype(str)})
    return out.drop_duplicates("article_id").reset_index(drop=True)
