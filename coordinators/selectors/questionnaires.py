"""A request's questionnaires for its page: what was given, the scores, the change."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from coalition.instruments.licence import licence_refusal
from coalition.instruments.models import Instrument, Scale, in_language
from coalition.instruments.scoring import (
    Change,
    classify_change,
    in_clinical_range,
    reliable_change_index,
)
from coalition.instruments.selectors import instruments_for, scale_specs
from families.models import Administration, SupportRequest


def registry_instruments():
    """Instruments with their items and scales, ready for scoring."""
    return Instrument.objects.prefetch_related(
        "items", Prefetch("scales", queryset=Scale.objects.order_by("-is_total", "code"))
    )


@dataclass(frozen=True)
class Offer:
    instrument: Instrument
    refusal: str  # "" when it may be given


def instrument_offers(request: SupportRequest) -> list[Offer]:
    """The programme's instruments, each with the licence's refusal, if any."""
    instruments = instruments_for(programme_id=request.programme_id).order_by("name")
    return [Offer(instrument, licence_refusal(instrument)) for instrument in instruments]


@dataclass(frozen=True)
class ScaleChange:
    name: str
    before: float
    after: float
    rci: float | None
    change: Change | None
    clinical_before: bool | None
    clinical_after: bool | None


def _first_and_last(administrations: list[Administration]):
    done = [a for a in administrations if a.is_complete]
    first = next((a for a in done if a.moment == "intake"), None)
    later = [a for a in done if a is not first and first and a.completed_at > first.completed_at]
    return first, (later[-1] if later else None)


def scale_changes(instrument: Instrument, first: Administration, last: Administration):
    """Per scale: the score at intake and at the latest measurement, and the change."""
    changes = []
    for spec, scale in zip(scale_specs(instrument), instrument.scales.all(), strict=True):
        before, after = first.scores.get(spec.code), last.scores.get(spec.code)
        if before is None or after is None:
            continue
        rci = None
        if spec.reliability is not None and spec.norm_sd:
            rci = reliable_change_index(
                before, after, norm_sd=spec.norm_sd, reliability=spec.reliability
            )
        changes.append(
            ScaleChange(
                name=in_language(scale.name) or scale.code,
                before=before,
                after=after,
                rci=rci,
                change=classify_change(before, after, spec),
                clinical_before=in_clinical_range(before, spec),
                clinical_after=in_clinical_range(after, spec),
            )
        )
    return changes


def request_questionnaires(request: SupportRequest) -> dict:
    administrations = list(
        Administration.objects.filter(request=request)
        .select_related("instrument")
        .order_by("created_at")
    )
    instruments = {
        i.pk: i
        for i in registry_instruments().filter(pk__in={a.instrument_id for a in administrations})
    }
    rows, changes = [], []
    for instrument_id, instrument in instruments.items():
        own = [a for a in administrations if a.instrument_id == instrument_id]
        first, last = _first_and_last(own)
        if first and last:
            changes.append(
                {"instrument": instrument, "scales": scale_changes(instrument, first, last)}
            )
    for administration in administrations:
        instrument = instruments[administration.instrument_id]
        scores = [
            (in_language(scale.name) or scale.code, administration.scores.get(scale.code))
            for scale in instrument.scales.all()
        ]
        rows.append({"administration": administration, "scores": scores})
    return {"rows": rows, "changes": changes}
