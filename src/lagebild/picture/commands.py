"""``lagebild dyad``, ``network``, ``brief``, ``export`` and ``serve``: the situation picture on the command line.

The CLI adds them with ``register(main)``. Each command checks its input and calls an importable
function of ``lagebild.picture`` (or ``lagebild.web``); ``--db`` (or $LAGEBILD_DB) picks the store as
everywhere else. Windows are written ``7d``, ``4w``, ``6m``, ``1y``, ``2024``, ``2024-06`` or ``2024-06-03``.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from lagebild.cli_options import db_option, open_store
from lagebild.errors import LagebildError
from lagebild.picture.periods import PERIODS, parse_since, parse_until, previous_window

WINDOW_HELP = "7d, 4w, 6m, 1y (back from today), 2024, 2024-06 or 2024-06-03"


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Parse a window start."""
    try:
        return parse_since(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _until(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Parse a window end (a month or year means its last day)."""
    try:
        return parse_until(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


since_option = click.option("--since", callback=_since, help=f"Window start: {WINDOW_HELP}.")
until_option = click.option("--until", callback=_until, help="Window end: 2025, 2025-12 or 2025-12-31.")


def _plot(kind: str, thing: Any, path: str) -> None:
    """Save a plot, or end with the install hint when matplotlib is missing."""
    from lagebild.picture import plot

    try:
        saved = plot.plot_dyad(thing, path) if kind == "dyad" else plot.plot_network(thing, path)
    except ImportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"plot: {saved}", err=True)


def _check_window(since: date | None, until: date | None) -> None:
    if since and until and until < since:
        raise click.UsageError(f"--until {until} lies before --since {since}")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True, help="Period of each point.")
@since_option
@until_option
@click.option("--format", "fmt", type=click.Choice(("text", "json", "csv")), default="text", show_default=True)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), help="Also draw the trend (.png, .svg).")
@db_option
def dyad(a: str, b: str, by: str, since: date | None, until: date | None, fmt: str, plot_path: str | None,
         db: str | None) -> None:
    """The trend of the events between actors A and B (e.g. PRK RUS): counts per quad and score per period."""
    from lagebild.picture import render
    from lagebild.picture.dyad import dyad_trend

    _check_window(since, until)
    if a.strip().upper() == b.strip().upper():
        raise click.UsageError(f"a dyad needs two different actors, got {a!r} twice")
    with open_store(db) as store:
        trend = dyad_trend(store, a, b, by=by, since=since, until=until)
    if fmt == "json":
        click.echo(json.dumps(trend.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(render.trend_csv(trend), nl=False)
    else:
        click.echo(render.trend_text(trend))
    if plot_path:
        _plot("dyad", trend, plot_path)


@click.command("network")
@since_option
@until_option
@click.option("--min-events", default=1, show_default=True, help="Leave out relations with fewer events.")
@click.option("--compare", is_flag=True, help="Also show how blocs shifted from the previous window of equal length.")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "graphml", "gexf")), default="text",
              show_default=True)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), help="Also draw the network (.png, .svg).")
@db_option
def network_cmd(since: date | None, until: date | None, min_events: int, compare: bool, fmt: str,
                plot_path: str | None, db: str | None) -> None:
    """The alliance network of a window: signed relations between actors and the blocs they form."""
    from lagebild.picture import render
    from lagebild.picture.network import compare_blocs, network

    _check_window(since, until)
    if compare and not (since and until):
        raise click.UsageError("--compare needs both --since and --until")
    with open_store(db) as store:
        net = network(store, since, until, min_events=min_events)
        shift = compare_blocs(network(store, *previous_window(since, until), min_events=min_events),
                              net) if compare and since and until else None
    if fmt in ("graphml", "gexf"):
        try:
            click.echo(render.network_markup(net, fmt), nl=False)
        except ImportError as exc:
            raise click.ClickException(str(exc)) from exc
    elif fmt == "json":
        from dataclasses import asdict

        data = net.to_json() | ({"shift": asdict(shift)} if shift else {})
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render.network_text(net) + (f"\n{render.shift_text(shift)}" if shift else ""))
    if plot_path:
        _plot("network", net, plot_path)


@click.command("brief")
@click.option("--since", "since_text", required=True, help=f"Window start: {WINDOW_HELP}.")
@until_option
@click.option("--top", default=10, show_default=True, help="Entries per section.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@db_option
def brief_cmd(since_text: str, until: date | None, top: int, fmt: str, db: str | None) -> None:
    """What changed since SINCE compared with the window of equal length before it."""
    from lagebild.picture import render
    from lagebild.picture.brief import brief

    try:
        since = parse_since(since_text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc
    _check_window(since, until)
    with open_store(db) as store:
        result = brief(store, since, until, top=top)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render.brief_text(result))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(("plover-jsonl", "csv")), default="plover-jsonl",
              show_default=True)
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (- for standard output).")
@since_option
@until_option
@click.option("--actor", help="Only events involving this actor key (ISO3 or organisation code).")
@click.option("--type", "etype", help="Only this PLOVER type.")
@db_option
def export_cmd(fmt: str, out_path: str, since: date | None, until: date | None, actor: str | None,
               etype: str | None, db: str | None) -> None:
    """Write stored events as PLOVER JSON Lines or CSV (type, mode, actors, date, evidence, source article)."""
    from lagebild.picture.export import write_events
    from lagebild.picture.views import EventFilter, iter_events

    _check_window(since, until)
    where = EventFilter(involving=actor, type=etype, since=since, until=until)
    with open_store(db) as store:
        if out_path == "-":
            count = write_events(iter_events(store, where), sys.stdout, fmt)
        else:
            with Path(out_path).open("w", encoding="utf-8", newline="") as out:
                count = write_events(iter_events(store, where), out, fmt)
    click.echo(f"{count} events written to {out_path}", err=True)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Also offer POST /api/documents (ingest a text).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (more serve more concurrent requests).")
@db_option
def serve(host: str, port: int, writable: bool, workers: int, db: str | None) -> None:
    """Serve the JSON API and the web page (network, dyad timeline, events, evidence)."""
    try:
        import uvicorn

        from lagebild.web import create_app
    except ImportError as exc:
        raise click.ClickException(f"serve needs the web extra: pip install 'lagebild[picture]' ({exc.name} "
                                   "is missing)") from exc
    try:
        app = create_app(db, writable=writable)  # opens (and migrates) the store once, before any worker
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"lagebild: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.store.close()
    os.environ["LAGEBILD_DB"] = db or ""
    os.environ["LAGEBILD_WRITABLE"] = "1" if writable else "0"
    uvicorn.run("lagebild.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


COMMANDS = (dyad, network_cmd, brief_cmd, export_cmd, serve)


def register(group: click.Group) -> None:
    """Add the picture's commands to the ``lagebild`` group."""
    for command in COMMANDS:
        group.add_command(command)
