"""Demo pulses, expectations, coordinator contact and closures, so that today's work
shows matches in each health state (good, needs attention, at risk) and the report
of the warning before the end has ended matches to count."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from devtools.demo.plans import RequestPlan
from matching.models import (
    PLANNED_END_REASONS,
    AsAgreed,
    ContactKind,
    ContactNote,
    EndedBy,
    EndingKind,
    EndReason,
    Expectation,
    Fit,
    Frequency,
    Match,
    MatchStatus,
    Pulse,
    PulseStep,
    Side,
)
from matching.pulses import pulse_dates

MET = (MatchStatus.INTRODUCTION, MatchStatus.TRIAL, MatchStatus.ACTIVE, MatchStatus.ENDED)
ENDED_BY = {
    EndReason.FAMILY_WITHDREW: EndedBy.FAMILY,
    EndReason.MOVED: EndedBy.CIRCUMSTANCES,
    EndReason.VOLUNTEER_STOPPED: EndedBy.VOLUNTEER,
    EndReason.NO_CLICK: EndedBy.COORDINATOR,
    EndReason.PROFESSIONAL_CARE: EndedBy.COORDINATOR,
}
PULSE_WORDS = {
    "good": ["", "", "Het gaat goed, de kinderen kijken ernaar uit."],
    "attention": ["", "Het lukt niet altijd om af te spreken."],
    "risk": ["Het klikt niet zo.", "We zien elkaar bijna niet meer.", ""],
}


class CareMixin:
    """The care of matches: one part of `DemoBuilder`, sharing its RNG and state."""

    def _care_time(self, day: date) -> datetime:
        hour = self.rng.randint(9, 20)
        return self._past(timezone.make_aware(datetime.combine(day, time(hour))))

    def _mood(self, match: Match) -> str:
        roll = self.rng.random()
        if match.status == MatchStatus.ENDED and match.end_reason not in PLANNED_END_REASONS:
            return "risk" if roll < 0.6 else "attention" if roll < 0.85 else "good"
        return "risk" if roll < 0.12 else "attention" if roll < 0.35 else "good"

    def _save_care(self, requests: list[RequestPlan]) -> None:
        steps: dict[int, list[PulseStep]] = {}
        for step in PulseStep.objects.all():
            steps.setdefault(step.programme_id, []).append(step)
        pulses: list[Pulse] = []
        notes: list[ContactNote] = []
        expectations: list[Expectation] = []
        closed: list[Match] = []
        for plan in requests:
            for spec in plan.matches:
                match = spec.obj
                if match.status not in MET or match.introduction_on is None:
                    continue
                mood = self._mood(match)
                last = min(match.ended_on or self.today, self.today - timedelta(days=1))
                pulses += self._pulses(match, steps.get(match.programme_id, []), mood, last)
                notes += self._contacts(match, mood, last)
                expectations += self._expectations(match, mood)
                if match.status == MatchStatus.ENDED:
                    self._closure(match)
                    closed.append(match)
        self._bulk(Pulse, pulses, "Pulses")
        self._bulk(ContactNote, notes, "Contact notes")
        self._bulk(Expectation, expectations, "Expectations")
        Match.objects.bulk_update(
            closed,
            [
                "ended_by",
                "ending_kind",
                "closing_talk_family_on",
                "closing_talk_volunteer_on",
                "contact_continues",
            ],
            batch_size=500,
        )

    def _pulses(self, match: Match, steps, mood: str, last: date) -> list[Pulse]:
        rng, rows = self.rng, []
        days = [d for d in pulse_dates(match, steps) if d <= last]
        for number, day in enumerate(days):
            recent = number >= len(days) - 2
            for side in (Side.VOLUNTEER, Side.PARENT):
                pulse = Pulse(match=match, side=side, due_on=day)
                silent = mood == "attention" and recent and side == Side.PARENT
                if not silent and rng.random() < (0.85 if side == Side.VOLUNTEER else 0.7):
                    answered = min(day + timedelta(days=rng.randint(0, 3)), last)
                    pulse.answered_at = self._care_time(answered)
                    self._answer(pulse, mood if recent else "good")
                elif match.status == MatchStatus.ENDED:
                    pulse.cancelled_on = match.ended_on
                rows.append(pulse)
        return rows

    def _answer(self, pulse: Pulse, mood: str) -> None:
        rng = self.rng
        if mood == "risk":
            pulse.score = rng.randint(2, 4)
            pulse.fits = rng.choice([Fit.NO, Fit.NOT_SURE])
            pulse.as_agreed = rng.choice([AsAgreed.NO, AsAgreed.PARTLY])
            pulse.wants_call = rng.random() < 0.5
        elif mood == "attention":
            pulse.score = rng.randint(5, 7)
            pulse.fits = rng.choice([Fit.YES, Fit.NOT_SURE])
            pulse.as_agreed = rng.choice([AsAgreed.PARTLY, AsAgreed.NO])
        else:
            pulse.score = rng.randint(7, 10)
            pulse.fits = Fit.YES
            pulse.as_agreed = AsAgreed.YES
        pulse.message = rng.choice(PULSE_WORDS[mood])

    def _contacts(self, match: Match, mood: str, last: date) -> list[ContactNote]:
        """Coordinator contact on the cadence for a good match; a gap for the others."""
        rng, rows = self.rng, []
        day = match.introduction_on + timedelta(days=rng.randint(5, 12))
        stop = last - timedelta(days=rng.randint(35, 70)) if mood != "good" else last
        while day <= stop:
            rows.append(
                ContactNote(
                    match=match,
                    kind=rng.choice([ContactKind.PHONE, ContactKind.VISIT, ContactKind.EMAIL]),
                    text="Contact met gezin en vrijwilliger: afspraken doorgenomen.",
                    author=match.coordinator,
                    created_at=self._care_time(day),
                )
            )
            day += timedelta(days=rng.randint(10, 26))
        return rows

    def _expectations(self, match: Match, mood: str) -> list[Expectation]:
        if self.rng.random() < 0.3:
            return []
        months = self.rng.choice([6, 12])
        parent_months = months * 2 if mood == "risk" and self.rng.random() < 0.5 else months
        at = self._care_time(match.introduction_on)
        return [
            Expectation(
                match=match,
                side=side,
                months=m,
                frequency=Frequency.WEEKLY,
                purpose="Een vaste plek voor de kinderen" if side == Side.PARENT else "",
                recorded_at=at,
                recorded_by=match.coordinator,
            )
            for side, m in ((Side.VOLUNTEER, months), (Side.PARENT, parent_months))
        ]

    def _closure(self, match: Match) -> None:
        match.ended_by = ENDED_BY.get(match.end_reason, EndedBy.COORDINATOR)
        planned = match.end_reason in PLANNED_END_REASONS
        match.ending_kind = EndingKind.PLANNED if planned else EndingKind.PREMATURE
        match.closing_talk_family_on = match.ended_on
        match.closing_talk_volunteer_on = match.ended_on if self.rng.random() < 0.8 else None
        match.contact_continues = planned and self.rng.random() < 0.4
