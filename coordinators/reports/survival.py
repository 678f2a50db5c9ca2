"""Kaplan-Meier estimates of how long matches last, with lifelines.

lifelines (with pandas and scipy) is imported when a survival report is built,
not when Django starts: every other page and process is spared the import."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class SurvivalCurve:
    # (day, share of matches still running), from (0, 1.0), one point per event time
    points: list[tuple[float, float]]
    median: float | None  # None: half of the matches were still running at the end


def survival_curve(durations: list[int], ended: list[bool]) -> SurvivalCurve:
    """The Kaplan-Meier curve of match durations in days; a match still running
    (`ended` False) is censored at its duration so far."""
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter()
    fitter.fit(durations, event_observed=ended)
    frame = fitter.survival_function_
    points = [
        (float(day), float(share)) for day, share in zip(frame.index, frame.iloc[:, 0], strict=True)
    ]
    median = float(fitter.median_survival_time_)
    return SurvivalCurve(points=points, median=None if math.isinf(median) else median)
