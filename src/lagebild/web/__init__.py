"""The web app: a read-only JSON API over the store and a single page (network, dyads, events, evidence).

Needs the ``picture`` extra (FastAPI, uvicorn): ``pip install 'lagebild[picture]'``.
"""

from lagebild.web.app import create_app

__all__ = ["create_app"]
