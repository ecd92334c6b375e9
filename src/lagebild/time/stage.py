"""Pipeline stages of the time layer: a missing publication date inferred, then every temporal
expression normalised against the publication date."""

from __future__ import annotations

from dataclasses import replace

from lagebild.config import Settings
from lagebild.records import Analysis
from lagebild.registry import StageFn, stage

STAGE = "lagebild.time.v1"


@stage(requires=("document.text", "document.lang"), assigns=("document.published",))
def make_pubdate_stage(settings: Settings) -> StageFn:
    """Infer a missing publication date from the text (dateline, dated events, New Year wishes)."""
    from lagebild.time import infer_publication_date

    def run(analysis: Analysis) -> Analysis:
        doc = analysis.document
        if doc.published is not None:
            return analysis
        guess = infer_publication_date(doc.text, doc.lang or "")
        if guess is None:
            return analysis
        new_doc = replace(doc, published=guess.value, published_how="inferred",
                          published_range=(guess.earliest, guess.latest))
        return replace(analysis, document=new_doc)

    return run


@stage(requires=("document.text", "document.lang", "sentences"), assigns=("timexes",))
def make_stage(settings: Settings) -> StageFn:
    """Find and normalise temporal expressions sentence by sentence."""
    from lagebild.time import find_timexes

    def run(analysis: Analysis) -> Analysis:
        doc = analysis.document
        found = []
        for sent in analysis.sentences:
            found.extend(find_timexes(sent.text, doc.lang or "", doc.published, offset=sent.start))
        return replace(analysis, timexes=tuple(found))

    return run
