"""Temporal expressions in German and English news (stage ``lagebild.time.v1``).

Rule-based: the words and word orders live in ``lagebild/lang/<code>/time.yaml``; this package
recognises expressions, normalises them to TIMEX3 against the publication date (past or future by
the sentence's tense), and infers a publication date from the text when none is given.
"""

from lagebild.time.batch import time_batch
from lagebild.time.find import STAGE, find_timexes
from lagebild.time.infer import InferredDate, infer_publication_date
from lagebild.time.lexicon import supported_languages

__all__ = ["STAGE", "InferredDate", "find_timexes", "infer_publication_date", "supported_languages",
           "time_batch"]
