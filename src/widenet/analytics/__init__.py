"""Pure analytics of a search: funnel, flow, burndown, timelines, breakdowns, load, learning.

Every module here takes plain data (widenet.track.model) and returns plain result dataclasses
with a ``to_json()``; only :mod:`widenet.analytics.figures` and :mod:`widenet.analytics.report`
import Plotly.
"""
