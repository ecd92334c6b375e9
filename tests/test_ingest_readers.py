"""Readers: every input format, folders, stdin, URLs and feeds (served from 127.0.0.1), and bad inputs."""

from __future__ import annotations

import functools
import http.server
import io
import socket
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import lagebild.ingest as ingest_pkg
from lagebild.errors import InputError
from lagebild.ingest import read_sources, read_text, sniff
from lagebild.ingest.decode import decode, looks_like_text
from lagebild.records import RawDocument

ARTICLE_DE = (
    "Außenminister treffen sich in Genf\n\n"
    "Die Außenminister Deutschlands und Frankreichs haben sich am Dienstag in Genf getroffen, "
    "um über eine Waffenruhe in der Region zu beraten. Laut Diplomaten wurde eine gemeinsame "
    "Erklärung vorbereitet, die am Mittwoch veröffentlicht werden soll.\n"
)
LONG_SUMMARY = "Die Regierung in Berlin kündigte neue Hilfen für die Ukraine an. " * 5  # > 200 characters


def html_page(title: str, body: str, *, site: str = "Beispiel-Zeitung", published: str = "2024-06-19") -> str:
    """A small news page with the metadata trafilatura reads."""
    paragraphs = "".join(f"<p>{para}</p>" for para in body.split("\n") if para.strip())
    return (f"<!DOCTYPE html><html lang='de'><head><title>{title}</title>"
            f"<meta property='og:site_name' content='{site}'>"
            f"<meta name='author' content='Erika Muster'>"
            f"<meta property='article:published_time' content='{published}'></head>"
            f"<body><nav><a href='/'>Start</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Impressum</footer></body></html>")


PAGE_BODY = ("Die Außenminister Deutschlands und Frankreichs haben sich am Dienstag in Genf getroffen, "
             "um über eine Waffenruhe zu beraten.\nLaut Diplomaten wurde eine gemeinsame Erklärung "
             "vorbereitet, die am Mittwoch veröffentlicht werden soll. Beide Seiten sprachen von "
             "konstruktiven Gesprächen über die humanitäre Lage und die nächsten Schritte.")


def rss(items: list[tuple[str, str, str]], title: str = "Nachrichten-Feed") -> str:
    """An RSS 2.0 feed; items are (title, link, description)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Tue, 18 Jun 2024 09:30:00 GMT</pubDate>"
        f"<description><![CDATA[{desc}]]></description></item>" for t, link, desc in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>http://example.org/</link>{entries}</channel></rss>")


def docs(items: list[RawDocument | InputError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list[RawDocument | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def read(*sources: str | Path, **kwargs: object) -> list[RawDocument | InputError]:
    return list(read_sources([str(s) for s in sources], **kwargs))  # type: ignore[arg-type]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a temporary folder: (base URL, folder)."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- plain text ------------------------------------------------------------------------------------

def test_de_text_file_first_line_is_title_and_id_is_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "seed-000.txt"
    path.write_text(ARTICLE_DE, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.doc_id == "seed-000"
    assert doc.title == "Außenminister treffen sich in Genf"
    assert doc.text == ARTICLE_DE  # offsets refer to the whole file, title included
    assert doc.origin == str(path)


def test_text_long_single_line_has_no_title() -> None:
    doc = read_text("Berlin und Paris vereinbaren eine engere Zusammenarbeit bei der Verteidigung.")
    assert doc.title is None


def test_text_crlf_and_bom_normalised(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("\ufeffTitel\r\n\r\nDer Text des Artikels ist lang genug.\r\n".encode("utf-8"))
    [doc] = docs(read(path))
    assert doc.text == "Titel\n\nDer Text des Artikels ist lang genug.\n"


def test_de_text_cp1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Außenminister trafen sich in Genf zu Gesprächen über Frieden.".encode("cp1252"))
    [doc] = docs(read(path))
    assert doc.text.startswith("Außenminister") and "Gesprächen" in doc.text


def test_text_without_extension_is_sniffed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_text(ARTICLE_DE, encoding="utf-8")
    [doc] = docs(read(path))
    assert doc.doc_id == "article" and doc.title == "Außenminister treffen sich in Genf"


# -- HTML --------------------------------------------------------------------------------------------

def test_de_html_file_gives_text_title_date_source_author(tmp_path: Path) -> None:
    path = tmp_path / "genf.html"
    path.write_text(html_page("Treffen in Genf", PAGE_BODY), encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert "Waffenruhe" in doc.text and "Impressum" not in doc.text and "Start" not in doc.text
    assert doc.title == "Treffen in Genf"
    assert doc.published == date(2024, 6, 19)
    assert doc.source == "Beispiel-Zeitung"
    assert doc.author == "Erika Muster"
    assert doc.doc_id == "genf"


def test_html_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(html_page("Treffen in Genf", PAGE_BODY), encoding="utf-8")
    [doc] = docs(read(path))
    assert "Impressum" not in doc.text and doc.title == "Treffen in Genf"


# -- JSON Lines and gold JSON --------------------------------------------------------------------------

def test_jsonl_reads_fields_and_reports_bad_lines_by_number(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        ('{"id": "a1", "text": "Moskau weist die Vorwürfe aus Kiew entschieden zurück.", '
         '"title": "Moskau", "url": "https://example.org/a1", "published": "2024-06-19T08:00:00Z", '
         '"source": "Agentur", "lang": "de"}'),
        "{not json",
        "",
        ('{"doc_id": 7, "text": "Washington verhängt neue Sanktionen gegen Teheran.", '
         '"published": "2024-06-20"}'),
        '{"text": "kurz"}',
        '{"text": "Der Text ist lang genug für einen Artikel.", "published": "gestern"}',
        '["not", "an", "object"]',
        '{"title": "no text"}',
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    good, bad = docs(items), errors(items)
    assert [(d.doc_id, d.published) for d in good] == [("a1", date(2024, 6, 19)), ("7", date(2024, 6, 20))]
    first = good[0]
    assert (first.title, first.url, first.source, first.lang) == (
        "Moskau", "https://example.org/a1", "Agentur", "de")
    assert [str(e).split(":")[0] for e in bad] == [f"{path} line {n}" for n in (2, 5, 6, 7, 8)]
    assert "invalid JSON" in str(bad[0]) and "too short" in str(bad[1]) and "'published'" in str(bad[2])
    assert "expected a JSON object" in str(bad[3]) and "missing 'text'" in str(bad[4])


def test_gold_json_file_article_is_text_and_id_is_doc_id(tmp_path: Path) -> None:
    path = tmp_path / "gold-file-name.json"
    path.write_text('{"doc_id": "seed-000", "source_file": "000.txt", "countries": ["PRK"], "events": [], '
                    '"text": "Ein strategisches Treffen in Peking\\n\\nBei einem Treffen in Peking ..."}',
                    encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.doc_id == "seed-000"
    assert doc.title == "Ein strategisches Treffen in Peking"
    assert doc.text.startswith("Ein strategisches Treffen in Peking\n\nBei einem")


def test_json_without_doc_id_uses_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "artikel.json"
    path.write_text('{"text": "Der Text des Artikels ist lang genug."}', encoding="utf-8")
    [doc] = docs(read(path))
    assert doc.doc_id == "artikel"


# -- folders, stdin, overrides -------------------------------------------------------------------------

def test_folder_is_recursed_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE_DE.replace("Genf", "Wien"), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "text": "Der Text des Artikels ist lang genug."}\n')
    (tmp_path / ".secret.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text(ARTICLE_DE, encoding="utf-8")
    items = read(tmp_path)
    assert [d.doc_id for d in docs(items)] == ["a", "z", "c1"]
    assert not errors(items)


def test_empty_folder_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    [err] = read(tmp_path / "leer")
    assert isinstance(err, InputError) and "no (non-hidden) files" in err.reason


def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_DE.encode("utf-8"))))
    [doc] = read("-")
    assert isinstance(doc, RawDocument)
    assert doc.origin == "-" and doc.doc_id == "" and doc.title == "Außenminister treffen sich in Genf"


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (b'{"id": "s1", "text": "Der Text des Artikels ist lang genug."}\n'
             b'{"id": "s2", "text": "Ein zweiter Text, ebenfalls lang genug."}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    assert [d.doc_id for d in docs(read("-"))] == ["s1", "s2"]


def test_overrides_apply_to_every_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"id": "b1", "text": "Der Text des Artikels ist lang genug.", "published": "2020-01-01", '
        '"source": "Alt", "lang": "en"}\n', encoding="utf-8")
    found = docs(read(tmp_path, published=date(2024, 6, 19), source="Tagesblatt", lang="de"))
    assert len(found) == 2
    assert {(d.published, d.source, d.lang) for d in found} == {(date(2024, 6, 19), "Tagesblatt", "de")}


# -- bad inputs: one error each, naming the file and the reason; the run goes on -------------------------

BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "empty file"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    ("undecodable.txt", b"\x81\x8d\x8f\x90\x9d" * 20, "binary or undecodable"),
    ("controls.txt", b"\x01\x02\x03\x04\xff" * 40, "binary or undecodable"),
    ("broken.html", b"<html><body><div><span></span></div></body></html>", "no article text found"),
    ("nothing.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>",
     "the feed has no entries"),
    ("garbage.rss", b"this is { not < a feed", "not a parseable RSS/Atom feed"),
    ("short.txt", b"Kurz.", "too short: 5 characters"),
    ("bad.json", b'{"doc_id": "x"}', "missing 'text'"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_gives_one_error_naming_file_and_reason(tmp_path: Path, name: str, content: bytes,
                                                          reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_DE, encoding="utf-8")
    items = read(bad, good)
    [err] = errors(items)
    assert str(err).startswith(f"{bad}: ") and reason in str(err)
    assert "\n" not in str(err)
    assert [d.doc_id for d in docs(items)] == ["good"]


def test_too_large_file_names_size_and_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 7_200_000)
    [err] = read(big)
    assert str(err) == f"{big}: too large: 7.2 MB > 5 MB limit"


def test_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    [err] = read(missing)
    assert str(err) == f"{missing}: file not found"


def test_decode_table() -> None:
    assert decode("Grüße".encode(), "x") == "Grüße"
    assert decode("\ufeffGrüße".encode("utf-8"), "x") == "Grüße"
    assert decode("Grüße".encode("utf-16"), "x") == "Grüße"
    assert decode("Grüße".encode("cp1252"), "x") == "Grüße"
    assert looks_like_text("normaler Text\n") and not looks_like_text("\x01\x02ab")


@pytest.mark.parametrize(("head", "expected"), [
    (b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    (b"<!DOCTYPE html><html>", "html"),
    (b"  <html lang='de'><head>", "html"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b'{"text": "a",\n "doc_id": "b"}', "json"),
    (b"Ein ganz normaler Text.", "text"),
    (b"<3 Herzen", "text"),
])
def test_sniff_table(head: bytes, expected: str) -> None:
    assert sniff(head) == expected


# -- URLs and feeds ----------------------------------------------------------------------------------

def test_url_html_page_is_fetched_and_extracted(served: tuple[str, Path]) -> None:
    base, root = served
    (root / "artikel").write_text(html_page("Treffen in Genf", PAGE_BODY), encoding="utf-8")
    [doc] = read(f"{base}/artikel")
    assert isinstance(doc, RawDocument)
    assert doc.url == f"{base}/artikel" and doc.origin == f"{base}/artikel"
    assert "Waffenruhe" in doc.text and doc.source == "Beispiel-Zeitung"


def test_url_not_found_and_unreachable_are_errors(served: tuple[str, Path], closed_port: int) -> None:
    base, _ = served
    items = read(f"{base}/fehlt.html", f"http://127.0.0.1:{closed_port}/x")
    first, second = errors(items)
    assert str(first) == f"{base}/fehlt.html: HTTP 404 File not found"
    assert str(second).startswith(f"http://127.0.0.1:{closed_port}/x: unreachable:")


def test_rss_feed_fetches_entries_and_falls_back_to_summary(tmp_path: Path, served: tuple[str, Path]) -> None:
    base, root = served
    page = html_page("Treffen in Genf", PAGE_BODY, site="Genfer Blatt")
    (root / "eins.html").write_text(page, encoding="utf-8")
    feed = tmp_path / "news.xml"
    feed.write_text(rss([
        ("Treffen in Genf", f"{base}/eins.html", "kurz"),
        ("Hilfen für die Ukraine", f"{base}/weg.html", f"<p>{LONG_SUMMARY}</p>"),
        ("Nur kurz", f"{base}/auch-weg.html", "Zu kurz zum Ersatz."),
    ]), encoding="utf-8")
    items = read(feed)
    fetched, from_summary = docs(items)
    [err] = errors(items)
    assert fetched.url == f"{base}/eins.html" and "Waffenruhe" in fetched.text
    assert fetched.published == date(2024, 6, 18)  # the entry's date wins over the page's
    assert fetched.source == "Genfer Blatt"
    assert from_summary.text.startswith("Die Regierung in Berlin") and "<p>" not in from_summary.text
    assert from_summary.title == "Hilfen für die Ukraine" and from_summary.source == "Nachrichten-Feed"
    assert from_summary.published == date(2024, 6, 18)
    assert err.origin == f"{base}/auch-weg.html"
    assert "HTTP 404" in err.reason and "too short to stand in" in err.reason


def test_atom_feed_is_sniffed_and_uses_injected_fetch(tmp_path: Path) -> None:
    feed = tmp_path / "atom"
    feed.write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Atom</title>"
        "<entry><title>Eintrag</title><link href='https://news.example/a'/><id>a</id>"
        "<published>2024-05-02T10:00:00Z</published><updated>2024-05-02T10:00:00Z</updated></entry></feed>",
        encoding="utf-8")
    pages = {"https://news.example/a": html_page("Eintrag", PAGE_BODY).encode("utf-8")}
    [doc] = read(feed, fetch=pages.__getitem__)
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://news.example/a" and doc.published == date(2024, 5, 2)


def test_failing_injected_fetch_becomes_error_not_exception(tmp_path: Path) -> None:
    def refuse(url: str) -> bytes:
        raise ConnectionRefusedError(111, "Connection refused")

    [err] = read("https://news.example/a", fetch=refuse)
    assert isinstance(err, InputError) and err.origin == "https://news.example/a"
    assert "unreachable" in err.reason and "Connection refused" in err.reason


def test_public_api() -> None:
    for name in ingest_pkg.__all__:
        assert getattr(ingest_pkg, name).__doc__ or name.isupper(), name
    assert {"read_sources", "read_text", "ingest"} <= set(ingest_pkg.__all__)
