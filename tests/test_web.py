"""The JSON API through FastAPI's TestClient: filters, evidence with sources, dyads, network, briefing,
documents, errors, the read-only default and the writable option."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs the web extra (pip install 'lagebild[picture]')")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

from fastapi.testclient import TestClient

from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, RawDocument
from lagebild.store import Duplicate, Store
from lagebild.web import create_app


def ref(code: str, name: str | None = None) -> ActorRef:
    return ActorRef(text=name or code, code=code, country=None if code == "EU" else code, name=name or code)


def ev(kind: str, actors: list[ActorRef], recipients: list[ActorRef], when: str | None, sentence: str,
       start: int, **flags: bool) -> Event:
    return Event(event=kind, actor=tuple(actors), recipient=tuple(recipients),
                 evidence=Evidence(start, start + len(sentence), sentence), date=when,
                 date_precision="month" if when and len(when) == 7 else "day", reported_by=flags.pop("kcna", None)
                 and "KCNA", trigger="sent", trigger_span=(start + 9, start + 13), confidence=0.7,
                 why=("'sent' codes AID",), sent=1, stage="test", **flags)


def article(doc_id: str, published: date, source: str, sentences: list[tuple[str, dict]]) -> tuple[RawDocument, Analysis]:
    text, events = f"Headline {doc_id}\n", []
    for sentence, spec in sentences:
        start = len(text)
        text += sentence + " "
        if spec:
            events.append(ev(spec["type"], spec["actors"], spec.get("recipients", []), spec.get("when"), sentence,
                             start, **spec.get("flags", {})))
    raw = RawDocument(text=text, doc_id=doc_id, title=f"Title {doc_id}", url=f"https://example.org/{doc_id}",
                      published=published, source=source, lang="en", origin=f"{doc_id}.txt")
    doc = Document(doc_id=doc_id, text=text, lang="en", published=published, title=raw.title, url=raw.url,
                   source=source)
    return raw, Analysis(document=doc, events=tuple(events))


PRK, RUS, USA, UKR, EU = ref("PRK", "Nordkorea"), ref("RUS", "Russland"), ref("USA"), ref("UKR"), ref("EU")
ARTICLES = [
    article("a1", date(2024, 6, 20), "Outlet A", [
        ("North Korea sent shells to Russia in June.", {"type": "AID", "actors": [PRK], "recipients": [RUS],
                                                        "when": "2024-06", "flags": {"kcna": True}}),
        ("Kim and Putin signed a pact.", {"type": "SUPPORT", "actors": [PRK, RUS], "when": "2024-06-19"}),
        ("Nothing else happened.", {}),
    ]),
    article("a2", date(2024, 6, 25), "Outlet B", [
        ("Pyongyang sent more shells to Moscow.", {"type": "AID", "actors": [PRK], "recipients": [RUS],
                                                   "when": "2024-06-24"}),
        ("The EU sanctioned Russia.", {"type": "SANCTION", "actors": [EU], "recipients": [RUS], "when": "2024-06-24"}),
    ]),
    article("a3", date(2024, 7, 2), "Outlet C", [
        ("Washington may support Kyiv.", {"type": "SUPPORT", "actors": [USA], "recipients": [UKR], "when": "2024-07",
                                          "flags": {"hypothetical": True}}),
    ]),
]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "web.db"
    with Store(path) as store:
        for raw, analysis in ARTICLES:
            store.add(raw, analysis)
        copy = RawDocument(text=ARTICLES[0][0].text + " (copy)", url="https://mirror.example.org/a1",
                           title="Mirror of a1", origin="mirror.html")
        store.record_duplicate(copy, Duplicate("near", "a1", 0.93))
    return str(path)


@pytest.fixture()
def client(db: str) -> TestClient:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def ids(response: object) -> list[int]:
    return [e["id"] for e in response.json()["events"]]  # type: ignore[attr-defined]


def test_web_summary(client: TestClient) -> None:
    data = client.get("/api/summary").json()
    assert data["documents"] == 3 and data["events"] == 5 and data["writable"] is False
    assert data["first_day"] == "2024-06-01" and data["last_day"] == "2024-07-01"
    assert data["types"]["AID"] == "material_cooperation"


def test_web_events_filters(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    assert len(everything["events"]) == 5 and everything["more"] is False
    assert everything["events"][0]["date"] == "2024-07"  # newest first
    assert len(ids(client.get("/api/events", params={"actor": "prk"}))) == 3
    assert len(ids(client.get("/api/events", params={"recipient": "RUS"}))) == 3
    assert len(ids(client.get("/api/events", params={"involving": "RUS", "type": "aid"}))) == 2
    assert len(ids(client.get("/api/events", params={"since": "2024-07"}))) == 1
    assert len(ids(client.get("/api/events", params={"until": "2024-06-20"}))) == 2
    assert len(ids(client.get("/api/events", params={"source": "outlet b"}))) == 2
    assert len(ids(client.get("/api/events", params={"source": "KCNA"}))) == 1
    assert len(ids(client.get("/api/events", params={"doc_id": "a2"}))) == 2
    picked = ids(client.get("/api/events", params={"ids": "1,2"}))
    assert sorted(picked) == [1, 2]


def test_web_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 4}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert first["more"] is True and second["more"] is False
    assert len({e["id"] for e in first["events"] + second["events"]}) == 5


def test_web_event_detail_with_sources(client: TestClient) -> None:
    aid = next(e for e in client.get("/api/events", params={"doc_id": "a1", "type": "AID"}).json()["events"])
    detail = client.get(f"/api/events/{aid['id']}").json()
    doc = client.get("/api/documents/a1").json()
    start, end = detail["evidence"]["start"], detail["evidence"]["end"]
    assert doc["text"][start:end] == detail["evidence"]["text"] == "North Korea sent shells to Russia in June."
    assert detail["trigger"]["start"] >= start and detail["actors"][0]["key"] == "PRK"
    kinds = [s["kind"] for s in detail["sources"]]
    assert kinds[:3] == ["article", "attribution", "copy"] and "corroborating" in kinds
    copy = next(s for s in detail["sources"] if s["kind"] == "copy")
    assert copy["match"] == "near" and copy["url"] == "https://mirror.example.org/a1"
    other = next(s for s in detail["sources"] if s["kind"] == "corroborating")
    assert other["doc_id"] == "a2" and other["evidence"] == "Pyongyang sent more shells to Moscow."


def test_web_document(client: TestClient) -> None:
    doc = client.get("/api/documents/a1").json()
    assert doc["title"] == "Title a1" and doc["published"] == "2024-06-20" and len(doc["events"]) == 2
    assert [e["evidence"]["start"] for e in doc["events"]] == sorted(e["evidence"]["start"] for e in doc["events"])
    assert doc["duplicates"][0]["title"] == "Mirror of a1"


def test_web_dyad(client: TestClient) -> None:
    data = client.get("/api/dyad/prk/RUS").json()
    assert data["count"] == 3 and [p["period"] for p in data["points"]] == ["2024-06"]
    assert sorted(data["points"][0]["events"]) == sorted(ids(client.get("/api/events", params={"actor": "PRK"})))
    assert client.get("/api/dyad/PRK/RUS", params={"by": "week"}).json()["by"] == "week"


def test_web_network_has_positions(client: TestClient) -> None:
    data = client.get("/api/network", params={"since": "2024", "until": "2024"}).json()
    assert {n["id"] for n in data["nodes"]} == {"PRK", "RUS", "EU", "USA", "UKR"}
    assert all(-2 < n["x"] < 2 and -2 < n["y"] < 2 for n in data["nodes"])
    assert any({"PRK", "RUS"} <= set(b) for b in data["blocs"])
    again = client.get("/api/network", params={"since": "2024", "until": "2024"}).json()
    assert again == data


def test_web_brief(client: TestClient) -> None:
    data = client.get("/api/brief", params={"since": "2024-07-01", "until": "2024-07-31"}).json()
    assert data["events"] == 1 and data["previous"] == {"since": "2024-05-31", "until": "2024-06-30"}
    assert data["new_dyads"][0]["a"] == "UKR" and data["top_events"][0]["hypothetical"] is True


def test_web_errors(client: TestClient) -> None:
    assert client.get("/api/events/999").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert "7d, 4w" in client.get("/api/events", params={"since": "soon"}).json()["detail"]
    assert client.get("/api/dyad/PRK/prk").status_code == 422
    assert client.get("/api/dyad/PRK/RUS", params={"by": "year"}).status_code == 422
    assert client.get("/api/events", params={"ids": "1,x"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_web_read_only_by_default(client: TestClient) -> None:
    assert client.post("/api/documents", json={"text": "Some text."}).status_code in (404, 405)
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyad/{a}/{b}", "/api/network", "/api/brief",
            "/api/documents/{doc_id}"} <= set(spec["paths"])
    assert all(set(methods) == {"get"} for methods in spec["paths"].values())


def test_web_page_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text and "cdn" not in page.text.lower()
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "import " not in script.text  # no modules fetched from elsewhere
    assert client.get("/static/style.css").status_code == 200


def stub_analyse(raw: RawDocument) -> Analysis:
    """A stand-in for the pipeline: one CONSULT between Russia and North Korea."""
    sentence = raw.text.split(".")[0] + "."
    doc = Document(doc_id=raw.doc_id, text=raw.text, lang="de", published=raw.published, title=raw.title)
    return Analysis(document=doc, events=(ev("CONSULT", [RUS], [PRK], "2024-06-17", sentence, 0),))


def test_web_writable_adds_documents(db: str) -> None:
    with TestClient(create_app(db, writable=True, analyse=stub_analyse)) as client:
        text = ("Der russische Präsident Wladimir Putin traf am Montag in Pjöngjang den nordkoreanischen "
                "Machthaber Kim Jong Un. Beide unterzeichneten ein Abkommen.")
        created = client.post("/api/documents", json={"text": text, "published": "2024-06-19", "title": "Gipfel"})
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["status"] == "new" and body["doc_id"].startswith("doc-") and body["events"] == 1
        assert client.post("/api/documents", json={"text": text}).json()["status"] == "duplicate"
        assert client.post("/api/documents", json={"text": text, "published": "19.6."}).status_code == 422
        assert client.get(f"/api/documents/{body['doc_id']}").json()["title"] == "Gipfel"
        assert client.get("/api/summary").json()["writable"] is True
