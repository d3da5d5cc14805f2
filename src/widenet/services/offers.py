"""Use cases of offers: record and revise offers, value and compare them, market data, negotiate.

Offers hang off applications that reached the offer stage; each negotiation round is a new
revision (nothing is overwritten). Valuations use numpy's generator seeded with ``seed``
(DEFAULT_SEED unless given), one generator per offer, so an offer is valued the same alone
or beside others, today and tomorrow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

import numpy as np

from widenet.errors import Conflict, ImportRejected, InvalidInput, NotFound, Problem, ProblemList
from widenet.offers import compare, fairness, market, negotiate, revisions
from widenet.offers.equity import DEFAULT_RUNS
from widenet.offers.fileformat import parse_offer, read_offer_file
from widenet.offers.model import Offer
from widenet.offers.money import Money, check_currency
from widenet.offers.serialize import dump_offer
from widenet.offers.value import OfferValuation, value_offer
from widenet.services import limits, lookup, tracking
from widenet.services.offer_terms import OfferTerms, apply_terms
from widenet.services.offers_views import (
    ComparedRow,
    CurrencyGroup,
    MarketPointView,
    NegotiationView,
    OffersComparison,
    OfferView,
    ValuedOffer,
)
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage import offers_repo
from widenet.storage.offers_repo import StoredOffer
from widenet.storage.repo import Store
from widenet.track.stages import Stage

DEFAULT_SEED: Final = 1
START_AFTER_DAYS: Final = 28  # a start date nobody gave: four weeks after the offer


# -- finding offers ------------------------------------------------------------------------
def _application(store: Store, moment: Moment, company: str, role: str | None) -> ApplicationView:
    found, app = lookup.application(store, company, role=role)
    return tracking.find_application(store, moment, company=found.name, role=app.role)


def _view(app: ApplicationView, stored: StoredOffer) -> OfferView:
    return OfferView(stored.id, app.company, app.application, app.status, stored.history)


def _stored_view(store: Store, moment: Moment, company: str, role: str | None) -> OfferView:
    app = _application(store, moment, company, role)
    stored = offers_repo.offer_for(store, app.application.id)
    if stored is None:
        name = app.company.name
        raise NotFound(
            f"No offer from {name} is recorded.",
            hint=f'Record it first: widenet offer add "{name}" --base ...',
        )
    return _view(app, stored)


def offer_views(store: Store, moment: Moment) -> list[OfferView]:
    """Every recorded offer with where its process stands."""
    stored = offers_repo.offers(store)
    if not stored:
        return []
    apps = {view.application.id: view for view in tracking.application_views(store, moment)}
    return [_view(apps[item.application_id], item) for item in stored]


def show_offer(store: Store, moment: Moment, *, company: str, role: str | None = None) -> OfferView:
    """An offer with every revision and what each changed."""
    return _stored_view(store, moment, company, role)


# -- recording -----------------------------------------------------------------------------
def _from_file(
    store: Store, path: Path | None, document: Mapping[str, Any] | None, company_id: int
) -> dict[str, Any]:
    """The offer file as data, after checking it is an offer from the same company."""
    if path is not None:
        offer = _read(path)
    else:
        try:
            offer = parse_offer(document)
        except InvalidInput as error:
            raise _plainly(error, "the offer file") from None
    try:
        named = lookup.company(store, offer.company).id
    except NotFound:
        named = None
    if named != company_id:
        raise InvalidInput(
            f"the file is an offer from {offer.company!r}, not from this company.",
            field="company",
        )
    return dump_offer(offer)


def _defaults(app: ApplicationView, moment: Moment, terms: OfferTerms) -> dict[str, Any]:
    offered = terms.offer_date or moment.today
    band = app.company.valuation_band
    return {
        "role": app.application.role,
        "location": app.company.location,
        "stage": band.value if band else None,
        "offer_date": offered.isoformat(),
        "start_date": (offered + timedelta(days=START_AFTER_DAYS)).isoformat(),
    }


def _plainly(error: InvalidInput, what: str, *, recording: bool = True) -> InvalidInput:
    """The offer's problems, each named by its field once: `deadline: ... is before ...`."""
    problems = error.problems or [Problem(error.message, field=error.field)]
    if len(problems) == 1:
        return InvalidInput(problems[0].message, field=problems[0].field)
    tail = "; nothing was recorded." if recording else "."
    return InvalidInput(f"{what} has {len(problems)} problems{tail}", problems=problems)


def _build(data: dict[str, Any], terms: OfferTerms, company: str) -> Offer:
    merged = {key: value for key, value in apply_terms(data, terms).items() if value is not None}
    merged["company"] = company
    try:
        return parse_offer(merged)
    except InvalidInput as error:
        raise _plainly(error, "the offer") from None


def _read(path: Path) -> Offer:
    try:
        return read_offer_file(path)
    except InvalidInput as error:
        raise _plainly(error, str(path), recording=False) from None


def _not_past(day: date, moment: Moment, field: str) -> date:
    if day > moment.today:
        raise InvalidInput(f"{day} is in the future; record it when it happens.", field=field)
    return day


def add_offer(
    store: Store,
    moment: Moment,
    *,
    company: str,
    terms: OfferTerms,
    role: str | None = None,
    file: Path | None = None,
    document: Mapping[str, Any] | None = None,
    move_to_offer: bool = False,
    note: str = "",
) -> OfferView:
    """Record an offer for a company's application: from ``terms``, from an offer file (a
    ``file`` on disk, or a ``document`` already decoded, e.g. uploaded), or from a file with
    ``terms`` laid over it.

    The application must have reached the offer stage; ``move_to_offer`` records that stage
    (on the offer date) in the same transaction. A bad offer writes nothing.
    """
    app = _application(store, moment, company, role)
    if offers_repo.offer_for(store, app.application.id) is not None:
        raise Conflict(
            f"{app.company.name} already has an offer recorded.",
            hint=f'Record a negotiation round instead: widenet offer revise "{app.company.name}"',
        )
    data = _defaults(app, moment, terms)
    if file is not None or document is not None:
        data |= _from_file(store, file, document, app.company.id)
    elif terms.base is None:
        raise InvalidInput("give the base salary (--base) or an offer file (--file).", field="base")
    offer = _build(data, terms, app.company.name)
    _not_past(offer.offer_date, moment, "offer_date")
    if app.status.furthest is not Stage.OFFER:
        if not move_to_offer:
            raise Conflict(
                f"{app.company.name} ({app.application.role}) has not reached the offer stage "
                f"(it is at {app.status.current_name}).",
                hint=f'Record it first: widenet move "{app.company.name}" offer — '
                "or add --move-to-offer to do both at once.",
            )
        app = tracking.move(
            store,
            moment,
            company=app.company.name,
            stage=Stage.OFFER.value,
            on=offer.offer_date,
            role=app.application.role,
        )
    first = revisions.start_history(offer, on=offer.offer_date, note=note.strip())
    stored = offers_repo.add_offer(store, app.application.id, first.revisions[0])
    return _view(app, stored)


def revise_offer(
    store: Store,
    moment: Moment,
    *,
    company: str,
    terms: OfferTerms,
    role: str | None = None,
    file: Path | None = None,
    asked: str = "",
    by: revisions.Party = revisions.Party.COMPANY,
    on: date | None = None,
    note: str = "",
) -> OfferView:
    """Record a negotiation round: a new revision with the changed terms (which may be none,
    when the company said no), what was asked and by whom. Earlier revisions stay as they were.
    """
    view = _stored_view(store, moment, company, role)
    data = dump_offer(view.current)
    if file is not None:
        data = _from_file(store, file, None, view.company.id)
    offer = _build(data, terms, view.company.name)
    day = _not_past(on or moment.today, moment, "on")
    history = revisions.revise(
        view.history, offer, on=day, by=by, asked=asked.strip(), note=note.strip()
    )
    offers_repo.append_revision(store, view.offer_id, history.revisions[-1])
    return OfferView(view.offer_id, view.company, view.application, view.status, history)


# -- valuing and comparing -----------------------------------------------------------------
def _value(offer: Offer, seed: int, runs: int | None = None) -> OfferValuation:
    if seed < 0:
        raise InvalidInput(f"{seed} is not a seed; use a whole number of 0 or more.", field="seed")
    rng = np.random.default_rng(seed)
    return value_offer(offer, rng=rng, runs=runs or DEFAULT_RUNS)


def value_file(path: Path, *, seed: int = DEFAULT_SEED, runs: int | None = None) -> OfferValuation:
    """Value a stand-alone offer file (docs/offers.md); nothing is stored."""
    return _value(_read(path), seed, runs)


def _points(store: Store) -> list[market.MarketPoint]:
    return [item.point for item in offers_repo.market_points(store)]


def _valued(
    view: OfferView, points: Sequence[market.MarketPoint], moment: Moment, seed: int
) -> ValuedOffer:
    valuation = _value(view.current, seed)
    report = market.market_position(view.current, points, today=moment.today)
    return ValuedOffer(view, valuation, report)


def value_stored(
    store: Store,
    moment: Moment,
    *,
    company: str,
    role: str | None = None,
    seed: int = DEFAULT_SEED,
) -> ValuedOffer:
    """Value a recorded offer (its latest revision) and place it in the market."""
    view = _stored_view(store, moment, company, role)
    return _valued(view, _points(store), moment, seed)


def compare_offers(
    store: Store, moment: Moment, *, seed: int = DEFAULT_SEED, include_closed: bool = False
) -> OffersComparison:
    """Every open offer (every offer with ``include_closed``) side by side, year by year, on
    paper and risk-adjusted, with deadlines, warnings and market verdicts; one table per
    currency."""
    views = offer_views(store, moment)
    chosen = [view for view in views if include_closed or view.is_open]
    left_out = tuple(view for view in views if not (include_closed or view.is_open))
    points = _points(store)
    by_currency: dict[str, list[ValuedOffer]] = defaultdict(list)
    for view in chosen:
        by_currency[view.current.currency].append(_valued(view, points, moment, seed))
    groups = []
    for valued in by_currency.values():
        result = compare.compare([item.valuation for item in valued], today=moment.today)
        rows = tuple(ComparedRow(v, c) for v, c in zip(valued, result.offers, strict=True))
        groups.append(CurrencyGroup(result, rows))
    return OffersComparison(moment.today, seed, tuple(groups), left_out)


def compensation_by_company(
    store: Store, moment: Moment, *, seed: int = DEFAULT_SEED
) -> dict[str, int]:
    """Each open offer's four-year risk-adjusted total in minor units, by company name: the
    compensation column of the decision matrix. Offers must share one currency."""
    valued = [_value(view.current, seed) for view in offer_views(store, moment) if view.is_open]
    codes = sorted({valuation.offer.currency for valuation in valued})
    if len(codes) > 1:
        raise InvalidInput(
            f"the open offers are in {', '.join(codes)}; compensation can only be compared in "
            "one currency.",
            field="currency",
        )
    return {valuation.offer.company: valuation.total_4y.minor for valuation in valued}


# -- negotiation ---------------------------------------------------------------------------
def negotiate_offer(
    store: Store,
    moment: Moment,
    *,
    company: str,
    role: str | None = None,
    seed: int = DEFAULT_SEED,
    check_fairness: bool = False,
) -> NegotiationView:
    """The counter per component, concession steps and messages for one offer, grounded in the
    strongest other open offer and the market; the fairness check only when asked for.
    Before an offer, the question to ask at the first recruiter call."""
    app = _application(store, moment, company, role)
    stored = offers_repo.offer_for(store, app.application.id)
    name, title = app.company.name, app.application.role
    if stored is None:
        message = negotiate.ask_range_message(name, role=title)
        return NegotiationView(
            name, title, None, None, (message,), (negotiate.RANGE_REMINDER,), (), None
        )
    points = _points(store)
    valued = _valued(_view(app, stored), points, moment, seed)
    others = [
        view for view in offer_views(store, moment) if view.is_open and view.offer_id != stored.id
    ]
    competing = [_value(view.current, seed) for view in others]
    proposal = negotiate.suggest_counter(
        valued.valuation, competing=competing, market=points, today=moment.today
    )
    check = None
    if check_fairness:
        check = fairness.fairness_check(valued.view.current, points, today=moment.today)
    return NegotiationView(
        name,
        title,
        valued,
        proposal,
        proposal.messages,
        proposal.reminders,
        tuple(view.company.name for view in others),
        check,
    )


# -- market data ---------------------------------------------------------------------------
def _money(text: str | None, currency: str, field: str) -> Money | None:
    if text is None or not text.strip():
        return None
    amount = Money.of(text, currency, field=field)
    if amount.minor < 0:
        raise InvalidInput(f"{text} is negative; amounts must be 0 or more.", field=field)
    return amount


def add_market_point(
    store: Store,
    moment: Moment,
    *,
    company: str,
    level: str,
    location: str,
    base: str,
    currency: str = "USD",
    on: date | None = None,
    kind: str = market.PointKind.PEER_OFFER.value,
    bonus: str | None = None,
    equity_per_year: str | None = None,
    sign_on: str | None = None,
    note: str = "",
) -> market.MarketPoint:
    """Record one market data point: a peer's recent offer or a survey figure (yearly amounts)."""
    from widenet.parse import parse_choice

    for field, value in (("company", company), ("level", level), ("location", location)):
        if not value.strip():
            raise InvalidInput(f"give the {field} of the data point.", field=field)
    limits.check({"company": company.strip(), "level": level.strip(), "location": location.strip()})
    code = check_currency(currency)
    amount = _money(base, code, "base")
    if amount is None:
        raise InvalidInput("give the yearly base salary.", field="base")
    point = market.MarketPoint(
        company=company.strip(),
        level=level.strip(),
        location=location.strip(),
        on=_not_past(on or moment.today, moment, "date"),
        base=amount,
        bonus=_money(bonus, code, "bonus"),
        equity_per_year=_money(equity_per_year, code, "equity_per_year"),
        sign_on=_money(sign_on, code, "sign_on"),
        kind=parse_choice(market.PointKind, kind, field="kind"),
        note=note.strip(),
    )
    offers_repo.add_market_points(store, [point])
    return point


def import_market(store: Store, text: str, *, currency: str = "USD") -> int:
    """Import market points from CSV text: all or nothing, every bad row reported."""
    points = market.parse_market_csv(text, default_currency=currency)
    _check_lengths(points)
    return offers_repo.add_market_points(store, points)


def _check_lengths(points: Sequence[market.MarketPoint]) -> None:
    """Texts longer than their columns, every one reported (lines as in a file of one line per
    row after the header)."""
    problems = ProblemList()
    for line, point in enumerate(points, start=2):
        for field in ("company", "level", "location"):
            try:
                limits.check({field: getattr(point, field)})
            except InvalidInput as error:
                problems.add(error.message, line=line, field=field)
    if problems:
        raise ImportRejected(
            f"{len(problems.problems)} cell(s) of the market file are too long; nothing was "
            "imported.",
            problems=problems.problems,
        )


def import_market_file(store: Store, path: Path, *, currency: str = "USD") -> int:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {path}: {error}.", field="file") from None
    return import_market(store, text, currency=currency)


def market_points(
    store: Store, *, level: str | None = None, location: str | None = None
) -> list[MarketPointView]:
    """Market points, newest first; ``level`` and ``location`` match ignoring case and spacing."""

    def same(a: str, b: str | None) -> bool:
        return b is None or " ".join(a.casefold().split()) == " ".join(b.casefold().split())

    return [
        MarketPointView(item.id, item.point)
        for item in offers_repo.market_points(store)
        if same(item.point.level, level) and same(item.point.location, location)
    ]
