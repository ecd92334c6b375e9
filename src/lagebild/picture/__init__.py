"""The situation picture: dyad trends, the alliance network and its blocs, briefings, exports."""

from lagebild.picture.brief import Briefing, brief
from lagebild.picture.dyad import DyadTrend, dyad_trend
from lagebild.picture.network import Network, compare_blocs, network

__all__ = ["Briefing", "DyadTrend", "Network", "brief", "compare_blocs", "dyad_trend", "network"]
