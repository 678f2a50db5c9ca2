"""The demo families' questionnaires (the coalition's Ouderbalans): one at the intake
of every match that started, a closure one when it ended, an evaluation one after half
a year; most families' strain goes down, some stay the same, a few get worse, so the
funders' report has something to show in each column."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from coalition.instruments.models import Instrument
from coalition.instruments.scoring import scores_of
from coalition.instruments.selectors import scale_specs
from devtools.demo.plans import RequestPlan
from families.models import Administration, AdministrationMode

STRAIN_ITEMS = ("1", "2", "4")  # the others are reverse-scored


class QuestionnaireMixin:
    def _answers(self, strain: float) -> dict[str, int]:
        """Answers around a strain level (0-4) per item; reverse items mirrored."""
        answers = {}
        for key in ("1", "2", "3", "4", "5", "6", "7"):
            level = min(4, max(0, round(strain + self.rng.uniform(-1, 1))))
            answers[key] = level if key in STRAIN_ITEMS else 4 - level
        if self.rng.random() < 0.1:
            answers.pop(self.rng.choice(list(answers)))  # now and then a skipped item
        return answers

    def _administration(self, plan, instrument, specs, moment, day, strain) -> Administration:
        answers = self._answers(strain)
        at = self._past(datetime.combine(day, time(10, 0), timezone.get_current_timezone()))
        return Administration(
            request=plan.request,
            instrument=instrument,
            moment=moment,
            mode=self.rng.choice([AdministrationMode.LINK, AdministrationMode.CONVERSATION]),
            language=plan.request.language,
            created_at=at - timedelta(days=2),
            answers=answers,
            scores=scores_of(answers, specs),
            completed_at=at,
        )

    def _save_questionnaires(self, requests: list[RequestPlan]) -> None:
        instrument = Instrument.objects.prefetch_related("items", "scales").get(
            code="coalitie-ouderbalans"
        )
        specs = scale_specs(instrument)
        rows = []
        for plan in requests:
            started = [m.obj for m in plan.matches if m.obj is not None and m.obj.started_on]
            if not started:
                continue
            match = started[-1]
            before = self.rng.uniform(1.8, 3.6)
            # Most families feel less strain after support; some do not, a few more.
            after = before - self.rng.choice([1.6, 1.3, 1.0, 0.6, 0.2, 0.0, -1.0])
            rows.append(
                self._administration(plan, instrument, specs, "intake", match.started_on, before)
            )
            if match.ended_on:
                rows.append(
                    self._administration(plan, instrument, specs, "closure", match.ended_on, after)
                )
            elif (self.today - match.started_on).days > 180:
                day = match.started_on + timedelta(days=180)
                rows.append(self._administration(plan, instrument, specs, "evaluation", day, after))
        self._bulk(Administration, rows, "Questionnaires")
