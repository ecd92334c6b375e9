"""The command line through click's test runner, and the public Python surface."""

import json

from click.testing import CliRunner

import lagebild
from lagebild.cli import main, sample_paths

ARTICLE = ("Die EU verhängte am Montag neue Sanktionen gegen Russland. Moskau wies die Entscheidung "
           "zurück und kündigte Gegenmaßnahmen an, berichtet die Nachrichtenagentur TASS.")


def run(*args, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


def test_public_surface_is_stable():
    assert sorted(lagebild.__all__) == sorted([
        "ActorRef", "Analysis", "ConfigError", "Document", "Event", "Evidence", "InputError", "LagebildError",
        "Mention", "Pipeline", "PipelineError", "RawDocument", "Sentence", "Settings", "Store", "StoreError",
        "Timex", "Token", "UnsupportedLanguage", "extract", "ingest", "load_settings", "read_sources", "__version__",
    ])
    for name in lagebild.__all__:
        assert getattr(lagebild, name) is not None


def test_extract_jsonl_follows_the_contract(tmp_path):
    path = tmp_path / "artikel-1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("extract", str(path), "--format", "jsonl", "--published", "2025-03-03")
    doc = json.loads(result.output.strip())
    assert doc["doc_id"] == "artikel-1" and doc["lang"] == "de" and doc["pub_date"] == "2025-03-03"
    sanction = next(e for e in doc["events"] if e["event"] == "SANCTION")
    assert [a["code"] for a in sanction["actor"]] == ["EU"]
    assert [r["country"] for r in sanction["recipient"]] == ["RUS"]
    assert ARTICLE[sanction["evidence"]["start"]:sanction["evidence"]["end"]] == sanction["evidence"]["text"]


def test_extract_reports_bad_input_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert '"doc_id": "good"' in result.output


def test_ingest_twice_changes_nothing(tmp_path):
    db = str(tmp_path / "store.db")
    first = run("ingest", *sample_paths(), "--db", db)
    assert first.exit_code == 0
    stats_before = run("stats", "--db", db).output
    second = run("ingest", *sample_paths(), "--db", db)
    assert second.exit_code == 0
    assert run("stats", "--db", db).output == stats_before
    listed = run("documents", "--db", db).output
    assert "seed-000" in listed and "seed-002" in listed


def test_events_and_explain_read_the_store(tmp_path):
    db = str(tmp_path / "store.db")
    run("ingest", *sample_paths(), "--db", db)
    out = run("events", "--db", db, "--actor", "PRK").output
    assert "PRK" in out
    explained = run("explain", "seed-002", "--db", db).output
    assert "codes" in explained and "Kim" in explained


def test_corrupt_store_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not a database" * 50)
    before = db.read_bytes()
    result = CliRunner().invoke(main, ["stats", "--db", str(db)])
    assert result.exit_code != 0 and "not" in result.output.lower()
    assert db.read_bytes() == before


def test_time_batch_contract(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "de-1", "lang": "de", "reference_date": "2024-12-31",
                               "sentence": "Ende 2024 und im Juni trafen sie sich."}) + "\n", encoding="utf-8")
    line = json.loads(run("time", "--batch", str(path)).output.strip())
    assert line["id"] == "de-1"
    assert {(t["text"], t["value"], t["mod"]) for t in line["timex"]} >= {("Ende 2024", "2024", "END")}


def test_actors_search_and_show():
    found = run("actors", "search", "Putin").output
    assert "person:" in found and "Putin" in found
    shown = run("actors", "show", "state:PRK", "--db", ":memory:").output
    assert "PRK" in shown


def test_stages_lists_the_pipeline():
    out = run("stages").output
    assert "lagebild.events.v1" in out and "requires" in out


def test_usage_error_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), "--published", "gestern"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
