"""Which files of a corpus folder are read, and how their text is read.

One listing (:func:`corpus_listing`) serves the reader (``load_corpus``), the
corpus cache key and the report's manifest, so what is hashed is exactly what
is read. The rules:

* **articles** are the folder's own files whose name ends in ``.txt`` (in any
  case); the name without the suffix is the article's ``doc_id``;
* **metadata.csv** (that exact name) beside them is read as the metadata;
* **dot-files** (``.draft.txt``, ``.DS_Store``, editors' backups) are never read;
  hidden ``.txt`` files are named in a note;
* **subfolders** are not read (one folder is one corpus); ``.txt`` files in them
  are counted in a note, so an article filed one level down is not lost unseen;
* other files (``notes.md``, ``article.docx``) are not read, and named in a note;
* **case clashes**: two articles whose ``doc_id`` differs only in case
  (``x.txt`` and ``x.TXT``, ``A.txt`` and ``a.txt``) are an error: the ids
  would be ambiguous, and a copy of the folder on macOS or Windows keeps one;
* **symbolic links** to a file are read as that file, under the link's name; a
  link leading out of the folder is named in a note (its text becomes part of
  the report); a broken link or a loop is an error.

:func:`read_text` reads one file as UTF-8 text and says what is wrong with one
that is not (UTF-16, NUL bytes, another encoding, empty).

Public names: :class:`CorpusFiles`, :func:`corpus_listing`, :func:`read_text`.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["METADATA_NAME", "CorpusFiles", "corpus_listing", "read_text"]

METADATA_NAME = "metadata.csv"


@dataclass(frozen=True)
class CorpusFiles:
    """The files of a corpus folder that are read, and what was left unread."""

    root: Path
    articles: tuple[Path, ...]
    metadata: Path | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def files(self) -> list[Path]:
        """Every file that is read (articles and metadata.csv), sorted by name."""
        return sorted([*self.articles, *([self.metadata] if self.metadata else [])], key=lambda p: p.name)


def _some(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def corpus_listing(corpus_dir: str | Path) -> CorpusFiles:
    """List the files of ``corpus_dir`` that are read, by the rules of this
    module. InputError when the folder is missing, not a folder, holds no
    article, holds two articles whose ids differ only in case, or holds a
    symbolic link that cannot be followed."""
    root = Path(corpus_dir)
    if not root.exists():
        raise InputError(root, "corpus folder not found")
    if not root.is_dir():
        raise InputError(root, "not a folder")
    real_root = root.resolve()
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(root, f"cannot be listed ({exc.strerror})") from None
    articles: list[Path] = []
    metadata = None
    hidden, others, outside, sub_txt, subfolders = [], [], [], 0, []
    for entry in entries:
        path = root / entry.name
        if entry.name.startswith("."):
            if entry.name.lower().endswith(".txt"):
                hidden.append(entry.name)
            continue
        if entry.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                raise InputError(path, "a symbolic link that cannot be followed (broken, or a loop)") from None
        else:
            target = path
        if target.is_dir():
            subfolders.append(entry.name)
            sub_txt += sum(1 for _ in _txt_below(target))
            continue
        if not target.is_file():
            others.append(entry.name)       # a socket, a fifo, a device: never read
            continue
        if entry.name.lower().endswith(".txt"):
            articles.append(path)
        elif entry.name == METADATA_NAME:
            metadata = path
        else:
            others.append(entry.name)
            continue
        if entry.is_symlink() and not target.is_relative_to(real_root):
            outside.append(entry.name)
    if not articles:
        n = len(entries)
        raise InputError(root, "folder is empty" if n == 0 else f"no .txt files among its {n} entries")
    by_key: dict[str, Path] = {}
    for path in articles:
        key = path.stem.casefold()
        if key in by_key:
            raise InputError(root, f"{by_key[key].name} and {path.name} give the same document id "
                                   f"{path.stem!r} (ids ignore case); rename one")
        by_key[key] = path
    notes = []
    if hidden:
        notes.append(f"{root}: {len(hidden)} hidden .txt file(s) not read ({_some(hidden)}): "
                     "names starting with '.' are never articles")
    if sub_txt:
        notes.append(f"{root}: {sub_txt} .txt file(s) in subfolders ({_some([s + '/' for s in subfolders])}) "
                     "not read: only the folder's own files are articles")
    if others:
        notes.append(f"{root}: {len(others)} file(s) neither .txt nor {METADATA_NAME} not read ({_some(others)})")
    if outside:
        notes.append(f"{root}: {len(outside)} file(s) are symbolic links to files outside the folder, "
                     f"read as articles ({_some(outside)})")
    return CorpusFiles(root, tuple(articles), metadata, tuple(notes))


def _txt_below(folder: Path):
    """``.txt`` files anywhere below ``folder`` (links not followed, loops impossible)."""
    for _dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        yield from (f for f in filenames if f.lower().endswith(".txt") and not f.startswith("."))


def read_text(path: str | Path) -> str:
    """A file's text as UTF-8 (a BOM is allowed), in NFC; InputError if it cannot
    be read, is UTF-16, holds NUL bytes, is not UTF-8, or is empty."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = "little" if raw.startswith(b"\xff\xfe") else "big"
        raise InputError(path, f"UTF-16 text ({order}-endian byte-order mark); re-save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        hint = " (UTF-16 without a byte-order mark?)" if raw.count(b"\x00") * 3 > len(raw) else ""
        raise InputError(path, f"holds NUL bytes (first at offset {nul}){hint}: not a text file; "
                               "re-save it as UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                               "re-save it as UTF-8") from None
    if not text.strip():
        raise InputError(path, "empty file")
    # one code point per accented letter, so "Hà Nội" typed either way folds alike
    return unicodedata.normalize("NFC", text)
