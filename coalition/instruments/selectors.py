"""Reads of the instrument registry."""

from __future__ import annotations

from django.db.models import QuerySet

from coalition.instruments.models import Instrument, Moment
from coalition.instruments.scoring import ScaleSpec


def instruments_for(*, programme_id: int | None, moment: str | None = None) -> QuerySet[Instrument]:
    """The instruments a programme administers (at `moment`)."""
    uses = {"uses__programme_id": programme_id}
    if moment is not None:
        uses["uses__moment"] = Moment(moment)
    return Instrument.objects.filter(**uses).distinct()


def scale_specs(instrument: Instrument) -> list[ScaleSpec]:
    """Every scale of the instrument as a ScaleSpec; the total covers every item.
    Uses `instrument.items` and `instrument.scales` (prefetch them for many)."""
    items = list(instrument.items.all())
    values = instrument.option_values
    low, high = min(values), max(values)
    reverse = frozenset(item.key for item in items if item.reverse_scored)
    specs = []
    for scale in instrument.scales.all():
        keys = tuple(item.key for item in items if scale.is_total or item.subscale_id == scale.pk)
        specs.append(
            ScaleSpec(
                code=scale.code,
                item_keys=keys,
                reverse_keys=reverse & frozenset(keys),
                method=scale.method,
                max_missing=scale.max_missing,
                prorate=scale.prorate,
                low=low,
                high=high,
                higher_is_better=scale.higher_is_better,
                reliability=scale.reliability,
                norm_sd=scale.norm_sd,
                cutoff=scale.cutoff if instrument.cutoffs_licensed else None,
            )
        )
    return specs
