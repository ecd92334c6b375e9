"""``lagebild explain``: each event with its evidence highlighted and the reasons it was coded so."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from lagebild.export import event_line
from lagebild.records import Analysis, Event


def evidence_text(event: Event) -> Text:
    """The evidence span with the trigger and the actor mentions highlighted."""
    ev = event.evidence
    text = Text(ev.text)
    marks = [(event.trigger_span, "bold magenta")]
    marks += [((r.start, r.end), "bold green") for r in event.actor]
    marks += [((r.start, r.end), "bold cyan") for r in event.recipient]
    for (start, end), style in marks:
        if ev.start <= start < end <= ev.end:
            text.stylize(style, start - ev.start, end - ev.start)
    return text


def explain_document(analysis: Analysis, console: Console | None = None) -> None:
    """Print every event of a document with evidence and reasons."""
    out = console or Console()
    doc = analysis.document
    out.print(f"[bold]{doc.doc_id}[/bold]  lang {doc.lang}  published {doc.published or 'unknown'} ({doc.published_how})")
    out.print("[dim]trigger[/dim] [bold magenta]magenta[/bold magenta], actor [bold green]green[/bold green], "
              "recipient [bold cyan]cyan[/bold cyan]")
    for n, event in enumerate(analysis.events, 1):
        out.print(f"\n[bold]{n}. {event_line(event)}[/bold]  (confidence {event.confidence})")
        out.print(Text("   “") + evidence_text(event) + Text("”"))
        for reason in event.why:
            out.print(f"   · {reason}")
    if not analysis.events:
        out.print("no events")
