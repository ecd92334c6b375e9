"""``lagebild stories``, ``lagebild story ID`` and ``lagebild restory``: story events on the command line.

The CLI adds them with ``register(main)``. Each command checks its input and calls
``lagebild.picture.stories``; ``--db`` (or $LAGEBILD_DB) picks the store as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from lagebild.cli_options import db_option, iso_date, open_store


def _sides(refs: tuple[Any, ...]) -> str:
    return ", ".join(r.code for r in refs) or "-"


def story_line(s: Any) -> str:
    """One story as a line: id, date, type/mode, sides, how often and by how many sources reported."""
    flags = [f for f, on in (("NEGATED", s.negated), ("HYPOTHETICAL", s.hypothetical),
                             ("DISPUTED", s.disputed)) if on]
    mode = f"/{s.mode}" if s.mode else ""
    when = s.date or f"({s.first_seen})"
    extra = f"  [{' '.join(flags)}]" if flags else ""
    return (f"{s.id}  {when:12}  {s.type}{mode}: {_sides(s.actors)} -> {_sides(s.recipients)}  "
            f"{s.n_mentions} mention{'s' if s.n_mentions != 1 else ''}, {s.n_sources} "
            f"source{'s' if s.n_sources != 1 else ''}{extra}")


def story_text(detail: Any) -> str:
    """A story with every mention and, where sources give figures, the figures side by side."""
    s = detail.story
    seen = f"first reported {s.first_seen}" + (f", last {s.last_seen}" if s.last_seen != s.first_seen else "")
    lines = [story_line(s), f"  date {s.date or 'unknown'} ({s.date_precision or '-'}); {seen}",
             f"  sources: {', '.join(detail.sources)}", "  mentions:"]
    for m in detail.mentions:
        who = ", ".join(w for w in (m.source, f"per {m.reported_by}" if m.reported_by else None) if w)
        lines.append(f"    {m.published or '?'}  {m.doc_id}{f' ({who})' if who else ''}  "
                     f"{', '.join(m.actors) or '-'} -> {', '.join(m.recipients) or '-'}")
        lines.append(f"      \"{m.evidence}\"")
    if detail.figures:
        title = "figures (sources disagree)" if detail.disputed else "figures"
        shown = " / ".join(f"{label}: {', '.join(str(f) for f in found)}" for label, found in detail.figures.items())
        lines.append(f"  {title}: {shown}")
    return "\n".join(lines)


@click.command("stories")
@db_option
@click.option("--actor", help="Actor code named on either side by a mention (ISO3 or organisation), e.g. PRK.")
@click.option("--type", "etype", help="PLOVER event type, e.g. AGREE.")
@click.option("--since", callback=iso_date, help="Stories whose date (or, undated, whose reports) reach this day.")
@click.option("--until", callback=iso_date, help="Stories whose date (or, undated, whose reports) start by this day.")
@click.option("--min-mentions", default=1, show_default=True, type=click.IntRange(min=1),
              help="Only stories reported at least this often (2: merged across articles).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
def stories_cmd(db: str | None, actor: str | None, etype: str | None, since: dt.date | None,
                until: dt.date | None, min_mentions: int, limit: int) -> None:
    """List story events (one real-world event across articles), most recently reported first."""
    from lagebild.picture.stories import stories

    with open_store(db) as store:
        found = stories(store, actor=actor, type=etype, since=since, until=until, limit=limit,
                        min_mentions=min_mentions)
        if not found and not stories(store, limit=1):
            click.echo("no stories yet; `lagebild restory` builds them from the stored events", err=True)
        for s in found:
            click.echo(story_line(s))


@click.command("story")
@click.argument("story_id")
@db_option
def story_cmd(story_id: str, db: str | None) -> None:
    """Show one story: its mentions with documents, evidence and sources, and the figures each gives."""
    from lagebild.picture.stories import story

    with open_store(db) as store:
        detail = story(store, story_id)
        if detail is None:
            raise click.ClickException(f"no story {story_id!r} in {store.path or store.url}; "
                                       "`lagebild stories` lists them")
        click.echo(story_text(detail))


@click.command("restory")
@db_option
def restory_cmd(db: str | None) -> None:
    """Rebuild every story from the stored events (after changing the merge rules or deleting documents)."""
    from lagebild.picture.stories import update_stories

    with open_store(db) as store:
        report = update_stories(store)
    click.echo(f"{report.stories_created} stories from {report.events} events "
               f"({report.merged} reported by more than one article) in {report.seconds:.2f} s")


def register(group: click.Group) -> None:
    """Add ``stories``, ``story`` and ``restory`` to a click group (the ``lagebild`` command)."""
    for command in (stories_cmd, story_cmd, restory_cmd):
        group.add_command(command)
