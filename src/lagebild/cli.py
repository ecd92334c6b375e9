"""The ``lagebild`` command line. Each command checks its input and calls an importable function."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click

from lagebild.cli_options import db_option, iso_date, open_store
from lagebild.errors import InputError, LagebildError

FORMATS = ("jsonl", "json", "text")


def _pipeline(config: str | None) -> Any:
    """The configured pipeline, or exit with the settings error."""
    from lagebild.config import load_settings
    from lagebild.pipeline import Pipeline

    try:
        return Pipeline(load_settings(config))
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


config_option = click.option("--config", "config", type=click.Path(dir_okay=False), help="Settings file overriding the defaults (TOML).")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.version_option(package_name="lagebild")
def main(verbose: bool) -> None:
    """lagebild: a situation picture of international relations from German and English news."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _report(report: Any, console: Any) -> None:
    """Print one line per document of an ingest run."""
    for o in report.outcomes:
        style = {"new": "green", "duplicate": "yellow", "failed": "red"}.get(o.status, "")
        console.print(f"[{style}]{o.status:9}[/{style}] {o.describe()}" if hasattr(o, "describe") else f"{o.status:9} {o}")


def run_ingest(sources: list[str], db: str | None, config: str | None, published: date | None,
               source: str | None, lang: str | None) -> Any:
    """Ingest sources into the store, with a progress bar; returns the report."""
    from rich.console import Console
    from rich.progress import Progress

    from lagebild.ingest import ingest

    console = Console(stderr=True)
    pipeline = _pipeline(config)
    with open_store(db) as store, Progress(console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        report = ingest(sources, store, pipeline, published=published, source=source, lang=lang,
                        progress=lambda outcome: progress.advance(task))
    _report(report, console)
    return report


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@config_option
@click.option("--published", callback=iso_date, help="Publication date for every document (YYYY-MM-DD).")
@click.option("--source", help="Source name for every document (e.g. a newspaper).")
@click.option("--lang", help="Language code for every document (skips detection).")
def ingest(sources: tuple[str, ...], db: str | None, config: str | None, published: date | None,
           source: str | None, lang: str | None) -> None:
    """Read files, folders, URLs, feeds, JSON Lines or - (stdin) into the store."""
    report = run_ingest(list(sources), db, config, published, source, lang)
    click.echo(f"{report.counts.get('new', 0)} new, {report.counts.get('duplicate', 0)} duplicate, "
               f"{report.counts.get('failed', 0)} failed", err=True)
    sys.exit(0 if report.ok else 1)


def sample_paths() -> list[str]:
    """The bundled sample articles."""
    folder = resources.files("lagebild") / "samples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))


@main.command()
@db_option
@config_option
def demo(db: str | None, config: str | None) -> None:
    """Ingest the bundled sample articles into the store and show what was found."""
    report = run_ingest(sample_paths(), db, config, None, None, None)
    from lagebild.export import event_line

    with open_store(db) as store:
        for o in report.outcomes:
            stored = store.get(o.doc_id) if o.doc_id else None
            if stored is None:
                continue
            analysis = stored.analysis()
            click.echo(f"\n# {analysis.document.doc_id} ({analysis.document.lang}, published "
                       f"{analysis.document.published or 'unknown'})")
            for e in analysis.events:
                click.echo(f"  - {event_line(e)}")
        click.echo(f"\nstore: {store.path or store.url}  ({json.dumps(store.stats().get('documents', {}))} documents)")
    sys.exit(0 if report.ok else 1)


def _readable(paths: tuple[str, ...], published: date | None, lang: str | None, failures: list[str]) -> Iterator[Any]:
    """The documents under ``paths``; unreadable ones are reported and skipped."""
    from lagebild.ingest import read_sources

    for item in read_sources(list(paths), published=published, lang=lang):
        if isinstance(item, InputError):
            click.echo(f"error: {item}", err=True)
            failures.append(str(item))
        else:
            yield item


def _analyses(paths: tuple[str, ...], config: str | None, published: date | None, lang: str | None,
              failures: list[str], workers: int | None = None) -> Iterator[Any]:
    """Analyses of the readable documents under ``paths``, in order."""
    pipeline = _pipeline(config)
    try:
        yield from pipeline.pipe(_readable(paths, published, lang, failures), workers)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@config_option
@click.option("--published", callback=iso_date, help="Publication date for every document (YYYY-MM-DD).")
@click.option("--lang", help="Language code for every document (skips detection).")
@click.option("--workers", type=int, help="Worker processes (0: one per core; default: [extract] workers).")
def extract(paths: tuple[str, ...], fmt: str, config: str | None, published: date | None, lang: str | None,
            workers: int | None) -> None:
    """Run the pipeline on files or folders without a store and print what it finds."""
    from lagebild.export import analysis_json, analysis_text

    failures: list[str] = []
    docs = []
    for analysis in _analyses(paths, config, published, lang, failures, workers):
        for message in analysis.messages:
            click.echo(f"warning: {message}", err=True)
        if fmt == "jsonl":
            click.echo(json.dumps(analysis_json(analysis), ensure_ascii=False))
        elif fmt == "text":
            click.echo(analysis_text(analysis) + "\n")
        else:
            docs.append(analysis_json(analysis))
    if fmt == "json":
        click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
    sys.exit(1 if failures else 0)


@main.command()
@db_option
def stats(db: str | None) -> None:
    """Counts of what the store holds."""
    with open_store(db) as store:
        click.echo(json.dumps(store.stats(), indent=2, ensure_ascii=False, default=str))


@main.command()
@db_option
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--lang")
def documents(db: str | None, limit: int, offset: int, lang: str | None) -> None:
    """List stored documents, newest first."""
    with open_store(db) as store:
        for row in store.documents(limit=limit, offset=offset, lang=lang):
            click.echo(f"{row.doc_id}\t{row.lang or '?'}\t{row.published or '-'}\t{row.events} events\t{row.title or ''}")


@main.command()
@db_option
@click.option("--actor", help="Actor code (ISO3 or organisation), e.g. PRK.")
@click.option("--recipient", help="Recipient code.")
@click.option("--type", "etype", help="PLOVER event type, e.g. AGREE.")
@click.option("--since", callback=iso_date)
@click.option("--until", callback=iso_date)
@click.option("--limit", default=100, show_default=True)
def events(db: str | None, actor: str | None, recipient: str | None, etype: str | None,
           since: date | None, until: date | None, limit: int) -> None:
    """List stored events, filtered by actor, recipient, type and date."""
    from lagebild.export import event_line

    with open_store(db) as store:
        for ev in store.events(actor=actor, recipient=recipient, type=etype, since=since, until=until, limit=limit):
            click.echo(f"{ev.doc_id}\t{event_line(ev.event)}")


@main.command()
@click.argument("doc_id")
@db_option
def explain(doc_id: str, db: str | None) -> None:
    """Show each event of a stored document with its evidence highlighted and why it was coded so."""
    from lagebild.explain import explain_document

    with open_store(db) as store:
        stored = store.get(doc_id)
        if stored is None:
            raise click.ClickException(f"no document {doc_id!r} in {store.path or store.url}; `lagebild documents` lists them")
        explain_document(stored.analysis())


@main.command()
def stages() -> None:
    """List the registered pipeline stages with what they read and write."""
    from lagebild.registry import available, get

    for name in sorted(available()):
        info = get(name)
        click.echo(f"{name}\n    {info.doc}\n    requires: {', '.join(info.requires) or '-'}\n    assigns: {', '.join(info.assigns) or '-'}")


@main.command("time")
@click.argument("text", required=False)
@click.option("--batch", "batch", type=click.Path(exists=True, dir_okay=False), help="JSON Lines of {id, lang, reference_date, sentence}.")
@click.option("--ref", "reference", callback=iso_date, help="Reference (publication) date for TEXT.")
@click.option("--lang", default="de", show_default=True)
def time_cmd(text: str | None, batch: str | None, reference: date | None, lang: str) -> None:
    """Find and normalise temporal expressions in TEXT, or in every line of a --batch file."""
    from lagebild.time import find_timexes, time_batch

    if batch:
        lines = []
        for n, line in enumerate(Path(batch).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise click.ClickException(f"{batch} line {n}: not JSON ({exc.msg})") from exc
        for out in time_batch(lines):
            click.echo(json.dumps(out, ensure_ascii=False))
        return
    if not text:
        raise click.UsageError("give a TEXT or --batch FILE")
    for t in find_timexes(text, lang, reference):
        click.echo(f"{t.text}\t{t.value}\t{t.mod or ''}\t{t.precision}\t{t.how}")


@main.group()
def actors() -> None:
    """Look up the actor knowledge base."""


@actors.command("search")
@click.argument("name")
@click.option("--limit", default=20, show_default=True)
@db_option
def actors_search(name: str, limit: int, db: str | None) -> None:
    """Find actors by name or alias: the knowledge base, then actors discovered in stored articles."""
    from lagebild.actors.kb import KnowledgeBase

    for entry in KnowledgeBase.load().search(name)[:limit]:
        click.echo(f"{entry.id}\t{entry.kind}\t{entry.code}\t{entry.name}")
    with open_store(db) as store:
        for found in store.discovered_actors(name)[:limit]:
            click.echo(f"{found['id']}\tdiscovered\t{found['country'] or 'UNK'}\t{found['name']}"
                       f"\t{found['role'] or ''}\tfirst seen {found['first_seen']}, {found['mentions']} mentions")


@actors.command("show")
@click.argument("kb_id")
@db_option
def actors_show(kb_id: str, db: str | None) -> None:
    """Show an actor: names, roles over time and (with a store) where it is mentioned."""
    from lagebild.actors.kb import KnowledgeBase
    from lagebild.actors.show import describe

    entry = KnowledgeBase.load().get(kb_id)
    with open_store(db) as store:
        if entry is None:
            found = [a for a in store.discovered_actors() if a["id"] == kb_id]
            if not found:
                raise click.ClickException(f"no actor {kb_id!r}; try `lagebild actors search NAME`")
            a = found[0]
            click.echo(f"{a['name']}  ({a['id']}, discovered, country {a['country'] or '-'}, role {a['role'] or '-'}, "
                       f"first seen {a['first_seen']})")
            for doc_id, text, count in store.mentions_of(kb_id):
                click.echo(f"mentioned in {doc_id}: {count}x, e.g. “{text}”")
            return
        click.echo(describe(entry, store))


def _register_plugins() -> None:
    """Commands of the picture layer, registered on the main group."""
    from lagebild.picture.commands import register as register_picture
    from lagebild.picture.story_commands import register as register_stories

    register_stories(main)
    register_picture(main)


_register_plugins()
