"""Forecast a search: a Monte Carlo model of the lossy hiring funnel (docs/forecast.md).

Pure: plain data in, plain data out; ``today`` is in the Search and ``rng`` is an argument.

    from widenet.forecast import Search, OpenApplication, forecast, load_params
    result = forecast(search, load_params(text), rng=numpy.random.default_rng(7), runs=10_000)
    result.to_json()["offers"]["mean"]
"""

from widenet.forecast.engine import Progress, simulate
from widenet.forecast.howwide import how_wide
from widenet.forecast.model import Model, build_model
from widenet.forecast.params import ForecastParams, load_params, parse_params
from widenet.forecast.record import Simulation
from widenet.forecast.run import forecast
from widenet.forecast.search import (
    Departure,
    History,
    OpenApplication,
    Search,
    StageRecord,
    Waiting,
    typical_application,
)
from widenet.forecast.summary import (
    ApplicationForecast,
    Forecast,
    FunnelStage,
    HowWide,
    OfferCount,
    OfferTiming,
    StageCalibration,
    Week,
)

__all__ = [
    "ApplicationForecast",
    "Departure",
    "Forecast",
    "ForecastParams",
    "FunnelStage",
    "History",
    "HowWide",
    "Model",
    "OfferCount",
    "OfferTiming",
    "OpenApplication",
    "Progress",
    "Search",
    "Simulation",
    "StageCalibration",
    "StageRecord",
    "Waiting",
    "Week",
    "build_model",
    "forecast",
    "how_wide",
    "load_params",
    "parse_params",
    "simulate",
    "typical_application",
]
