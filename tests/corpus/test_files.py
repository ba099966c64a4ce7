"""Which files of a corpus folder are read (analysis.corpus.files), and that the
reader, the corpus cache key and the manifest agree on them; how a careless
file (UTF-16, NUL bytes, a short metadata row) is reported."""
from __future__ import annotations

import os

import pytest

from analysis.config import load_actors, load_yaml
from analysis.corpus.files import corpus_listing, read_text
from analysis.corpus.load import load_corpus, read_metadata
from analysis.errors import InputError
from analysis.report.fingerprint import corpus_files, corpus_key
from tests.conftest import ROOT

ACTORS = load_actors(ROOT / "config" / "partners.yaml")


def article(topic: str) -> str:
    return (f"Minister meets Japanese envoy on {topic}\n\n"
            f"HÀ NỘI — Minister Bùi Thanh Sơn received the Japanese Ambassador on Tuesday to discuss {topic}.\n\n"
            "Both sides agreed to deepen the partnership. — VNS\n")


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(article("ODA loans"), encoding="utf-8")
    (root / "b.txt").write_text(article("visas"), encoding="utf-8")
    return root


def read_ids(root) -> set[str]:
    return set(load_corpus(root, ACTORS).documents["doc_id"])


def test_reader_cache_key_and_manifest_see_the_same_files(folder):
    (folder / ".draft.txt").write_text(article("a draft"), encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(article("war legacy"), encoding="utf-8")
    (folder / "notes.md").write_text("# not an article\n", encoding="utf-8")
    # what is read ...
    assert read_ids(folder) == {"a", "b"}
    # ... is what the manifest and the cache key hash, nothing more
    assert [p.name for p in corpus_files(folder)] == ["a.txt", "b.txt"]
    key = corpus_key(folder)
    (folder / ".draft.txt").write_text(article("another draft"), encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(article("a change below"), encoding="utf-8")
    assert corpus_key(folder) == key, "a file that is not read does not change the key"
    (folder / "a.txt").write_text(article("ODA grants"), encoding="utf-8")
    assert corpus_key(folder) != key
    # and the reader is told what was left out
    notes = corpus_listing(folder).notes
    assert any(".draft.txt" in n and "hidden" in n for n in notes)
    assert any("1 .txt file(s) in subfolders (sub/)" in n for n in notes)
    assert any("notes.md" in n for n in notes)


def test_metadata_csv_is_read_and_hashed(folder):
    (folder / "metadata.csv").write_text("doc_id,outlet\na,VNS\n", encoding="utf-8")
    assert [p.name for p in corpus_files(folder)] == ["a.txt", "b.txt", "metadata.csv"]
    key = corpus_key(folder)
    (folder / "metadata.csv").write_text("doc_id,outlet\na,VNA\n", encoding="utf-8")
    assert corpus_key(folder) != key


@pytest.mark.parametrize("names", [("x.txt", "x.TXT"), ("A.txt", "a.txt")])
def test_ids_that_differ_only_in_case_are_an_error(folder, names):
    for name in names:
        (folder / name).write_text(article("ODA"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_corpus(folder, ACTORS)
    assert names[0] in str(err.value) and names[1] in str(err.value) and "rename" in str(err.value)


def test_a_link_out_of_the_folder_is_read_and_said(folder, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(article("Mekong"), encoding="utf-8")
    os.symlink(elsewhere, folder / "linked.txt")
    assert read_ids(folder) == {"a", "b", "linked"}
    assert [p.name for p in corpus_files(folder)] == ["a.txt", "b.txt", "linked.txt"]
    assert any("linked.txt" in n and "outside the folder" in n for n in corpus_listing(folder).notes)
    os.symlink(folder / "a.txt", folder / "inside.txt")        # a link within the folder is no news
    assert not any("inside.txt" in n for n in corpus_listing(folder).notes)


@pytest.mark.parametrize("make", ["loop", "broken"])
def test_a_link_that_cannot_be_followed_is_an_error(folder, make):
    if make == "loop":
        os.symlink(folder / "loop2.txt", folder / "loop1.txt")
        os.symlink(folder / "loop1.txt", folder / "loop2.txt")
    else:
        os.symlink(folder / "gone.txt", folder / "loop1.txt")
    with pytest.raises(InputError) as err:
        load_corpus(folder, ACTORS)
    assert "loop1.txt" in str(err.value) and "symbolic link" in str(err.value)


def test_utf16_and_nul_bytes_are_named_for_what_they_are(tmp_path):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(article("ODA").encode("utf-16"))           # with a byte-order mark
    with pytest.raises(InputError, match="UTF-16 text .*re-save it as UTF-8"):
        read_text(utf16)
    bare = tmp_path / "bare16.txt"
    bare.write_bytes(article("ODA").encode("utf-16-le"))          # none
    with pytest.raises(InputError, match="NUL bytes .*UTF-16 without a byte-order mark"):
        read_text(bare)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Title" + b"\x00" * 2000 + b"\n\nText.\n")   # a 2,000-NUL title was accepted
    with pytest.raises(InputError, match="NUL bytes \\(first at offset 5\\)"):
        read_text(nul)


@pytest.mark.parametrize("csv_text, message", [
    ("doc_id,title,outlet\na,A title\n", "line 2: 2 fields, the header has 3"),          # was AttributeError
    ("doc_id,title\na,A title,VNS\n", "line 2: 3 fields, the header has 2"),             # the extra was dropped
    ("doc_id,outlet\na,VNS\n\nb,VNA\na,VNA\n", "line 5: document 'a' again (first on line 2)"),   # last won
    ("doc_id,title,title\na,x,y\n", "column 'title' twice"),
    ("doc_id,date\na,0001-01-01\n", "line 2: date '0001-01-01' is outside 1800-01-01 to 2199-12-31"),
    ("doc_id,date\na,9999-12-31\n", "outside"),
])
def test_careless_metadata_rows_are_errors_naming_the_line(tmp_path, csv_text, message):
    path = tmp_path / "metadata.csv"
    path.write_text(csv_text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_metadata(path, {"a", "b"})
    assert message in str(err.value)


def test_a_repeated_yaml_key_is_an_error_naming_both_lines(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("themes:\n  oda:\n    label: ODA\n  visa:\n    label: Visas\n  oda:\n    label: Loans\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_yaml(path)
    assert "line 6" in str(err.value) and "'oda' repeated (first on line 2)" in str(err.value)
    merged = tmp_path / "merge.yaml"                 # a YAML merge key is not a repeat
    merged.write_text("base: &b {label: A}\nother:\n  <<: *b\n  label: B\n", encoding="utf-8")
    assert load_yaml(merged)["other"] == {"label": "B"}
