"""Atomic owner-only writes, overwrite rules and the Markdown-to-text conversion."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline_cli.documents import markdown, writers
from pipeline_cli.errors import PipelineError, UsageError
from tests.planfactory import words


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_new_folders_are_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "out" / "en" / "letter.md"
    writers.write_atomic(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert mode(target) == 0o600
    assert mode(tmp_path / "out") == 0o700
    assert mode(tmp_path / "out" / "en") == 0o700
    assert os.listdir(target.parent) == ["letter.md"]  # no temp file left behind


def test_overwrite_replaces_the_file_and_keeps_it_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "letter.md"
    target.write_text("old")
    target.chmod(0o644)
    writers.write_atomic(target, b"new")
    assert target.read_text() == "new"
    assert mode(target) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "letter.md"
    target.write_text("old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(PipelineError, match=r"letter\.md: cannot write: No space left"):
        writers.write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["letter.md"]


def test_existing_files_are_refused_listing_each_and_the_flags(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in ("a.md", "b.md", "c.md"))
    a.write_text("x")
    b.write_text("y")
    with pytest.raises(PipelineError) as err:
        writers.refuse_existing([a, b, c])
    message = str(err.value)
    assert str(a) in message and str(b) in message and str(c) not in message
    assert "--force" in message and "--skip-existing" in message
    assert err.value.code == 1


def test_force_allows_and_skip_existing_keeps(tmp_path: Path) -> None:
    a, c = tmp_path / "a.md", tmp_path / "c.md"
    a.write_text("x")
    assert writers.refuse_existing([a, c], force=True) == set()
    assert writers.refuse_existing([a, c], skip_existing=True) == {a}
    with pytest.raises(UsageError):
        writers.refuse_existing([a], force=True, skip_existing=True)


def test_a_file_where_a_folder_should_be_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(PipelineError, match="exists and is not a folder"):
        writers.write_atomic(tmp_path / "out" / "en" / "x.md", b"")


def test_text_format_strips_markdown_sensibly() -> None:
    md = (
        "# Letter to the Board\n\nWe **ask** you, see [the law](https://example.org/l).\n\n"
        "- one\n- two\n\nAna\\\nOrg\n\n1. [Src](https://example.org/s)\n"
    )
    text = markdown.to_text(md)
    assert text.startswith("Letter to the Board\n===================\n")
    assert "We ask you, see the law (https://example.org/l)." in text
    assert "- one\n- two" in text
    assert "Ana\nOrg" in text
    assert "1. Src (https://example.org/s)" in text
    assert "**" not in text and "](" not in text and "\\" not in text


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="md, txt, html, docx"):
        writers.encode("# x", "rtf", "en", lambda md, lang: md)


def test_plain_text_keeps_addresses_and_hyphenated_words_whole() -> None:
    url = "https://example.org/" + "a-very-long-path/" * 6
    md = (
        "# Council-manager cities\n\nIn council-manager cities the manager signs. "
        f"See [the source]({url}) and the long-standing practice of strong-mayor cities.\n\n"
        "1. first-in-line ask\n2. second ask\n"
    )
    text = markdown.to_text(md, width=40)
    assert f"({url})" in text.split()
    assert "council-manager" in text.split() and "long-standing" in text.split()
    # The public-comment fitter counts words without the layout: the same count.
    assert words(markdown.words_text(md)) == words(text)


def test_numbered_items_apart_keep_their_numbers_in_every_format() -> None:
    from pipeline_cli.documents.docx import to_docx

    md = "I ask you to do 3 things:\n\n1. First *ask*.\n\n2. Second ask.\n\n3. Third ask.\n"
    assert "1. First ask.\n2. Second ask.\n3. Third ask." in markdown.to_text(md)
    page = markdown.html(md)
    assert page.count("<ol>") == 1 and page.count("<li>") == 3 and "<em>ask</em>" in page
    import io

    import docx

    doc = docx.Document(io.BytesIO(to_docx(md, "en")))
    assert [p.text for p in doc.paragraphs][1:] == [
        "1. First ask.", "2. Second ask.", "3. Third ask."
    ]  # fmt: skip
    assert [r.text for p in doc.paragraphs for r in p.runs if r.italic] == ["ask"]


def test_spoken_words_counts_what_is_read_aloud() -> None:
    """The fast count of a public comment's words agrees with the parsed text's count."""
    import re

    from pipeline_cli.documents.render import spoken_words

    word = re.compile(r"\w+(?:['’.-]\w+)*")
    md = (
        "# Public comment\n\nGood evening. My name is **Ana**; I live in _Pasadena_.\n\n"
        "1. End the agreement.\n2. Publish the records.\n\n---\n\nThank you.\n"
    )
    assert spoken_words(md) == len(word.findall(markdown.words_text(md))) == 22
    # A link's address is not read aloud; its text is.
    assert spoken_words("See [the report](https://x.org/a/b).") == 3


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nOne.\n\nTwo.\n",
        "1. a\n\n2. b\n\n3. c\n",  # a loose list: numbering kept
        "- a\n\n  more of a\n\n- b\n  - nested\n\nafter\n",
        "```\ncode\n\nstill code\n```\n\nafter\n",  # a fence is never cut
        "> quote\n\n> again\n\n---\n\nend\\\nline\n",
        "Para\nlazy line\n\n## H\n\n* star\n\n+ plus\n",
    ],
)
def test_parsing_in_chunks_gives_the_same_blocks(text: str) -> None:
    from markdown_it.tree import SyntaxTreeNode

    whole: list[markdown.Block] = []
    markdown._walk(SyntaxTreeNode(markdown._parser().parse(text)), whole, 0, 0)
    assert markdown.parse(text) == whole


def test_a_folder_another_worker_makes_at_the_same_moment_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.documents import writers

    made = tmp_path / "out" / "CA"
    made.mkdir(parents=True)
    real = Path.is_dir
    asked: list[Path] = []

    def not_yet(self: Path) -> bool:  # the folder appears between the look and the mkdir
        if self == made and not asked:
            asked.append(self)
            return False
        return real(self)

    monkeypatch.setattr(Path, "is_dir", not_yet)
    writers.make_dirs(made / "harris-county")
    assert asked and real(made / "harris-county")
