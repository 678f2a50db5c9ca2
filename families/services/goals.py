"""Writes about a parent's own goals: setting them, rating them, the network map,
the private link to rate them, and the parent's consent to show ratings to the volunteer."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.notifications.services import notification_schedule
from coalition.privacy.models import ConsentPurpose
from coalition.private_links import new_link_token
from families.models import (
    MAX_GOALS,
    Consent,
    Goal,
    GoalRating,
    GoalRatingRound,
    LifeDomain,
    NetworkMap,
    Rater,
    RatingMoment,
    RequestStatus,
    SupportRequest,
)

# The version of the consent text below: a new wording gets a new version.
RATINGS_CONSENT_VERSION = "2026-12"
RATINGS_CONSENT_TEXT = (
    "The volunteer may see how I rate my own goals (0 to 10). "
    "Without this, the volunteer sees my goals but not the ratings."
)


def rating_url(token: str) -> str:
    return settings.SITE_URL + reverse("families:goal_rating", args=[token])


@transaction.atomic
def goals_set(*, request: SupportRequest, goals: list[tuple[str, str]], by=None) -> list[Goal]:
    """Set the parent's goals: one to three (text, life domain), in their own words.

    Goals already rated keep their ratings when their text is corrected; a goal
    left out is removed with its ratings (it is no longer the parent's goal)."""
    goals = [(text.strip(), domain) for text, domain in goals if text.strip()]
    if not goals:
        raise ValidationError(_("Write at least one goal in the parent's words."), code="no_goals")
    if len(goals) > MAX_GOALS:
        raise ValidationError(
            _("A family sets at most three goals: choose the three that matter most."),
            code="too_many_goals",
        )
    for _text, domain in goals:
        if domain not in LifeDomain.values:
            raise ValidationError(_("Choose a life domain for each goal."), code="no_domain")
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    existing = {goal.position: goal for goal in locked.goals.all()}
    result = []
    for position, (text, domain) in enumerate(goals, start=1):
        goal = existing.pop(position, None) or Goal(
            request=locked, position=position, created_by=by
        )
        goal.text, goal.domain = text, domain
        goal.full_clean()
        goal.save()
        result.append(goal)
    Goal.objects.filter(pk__in=[goal.pk for goal in existing.values()]).delete()
    return result


@transaction.atomic
def goal_ratings_record(
    *,
    request: SupportRequest,
    moment: str,
    scores: dict[int, int],
    rater: str,
    by=None,
    round: GoalRatingRound | None = None,
) -> list[GoalRating]:
    """Record a 0-10 rating for every goal of the request at `moment`."""
    if moment not in RatingMoment.values:
        raise ValidationError(_("Choose the moment of the rating."), code="no_moment")
    goals = list(request.goals.all())
    if not goals:
        raise ValidationError(_("Set the goals before rating them."), code="no_goals")
    if set(scores) != {goal.pk for goal in goals}:
        raise ValidationError(_("Give a score to every goal."), code="missing_score")
    now = timezone.now()
    ratings = []
    for goal in goals:
        rating = GoalRating(
            goal=goal,
            score=scores[goal.pk],
            moment=moment,
            rater=rater,
            rated_at=now,
            recorded_by=by if rater == Rater.COORDINATOR else None,
            round=round,
        )
        rating.full_clean()
        ratings.append(rating)
    GoalRating.objects.bulk_create(ratings)
    if round is not None and round.completed_at is None:
        round.completed_at = now
        round.save(update_fields=["completed_at"])
    # Rated with the coordinator: the parent's link for this moment is no longer needed.
    answered = list(
        GoalRatingRound.objects.filter(
            request=request, moment=moment, completed_at__isnull=True, cancelled_at__isnull=True
        )
    )
    if answered:
        GoalRatingRound.objects.filter(pk__in=[r.pk for r in answered]).update(completed_at=now)
        reminders_cancel_stale(*answered)
    return ratings


@transaction.atomic
def network_map_record(
    *, request: SupportRequest, moment: str, answers: dict[str, list[str]], rater: str, by=None
) -> NetworkMap:
    """Record (or correct) who helps the family per domain at intake or at closure."""
    network_map, _created = NetworkMap.objects.get_or_create(
        request=request, moment=moment, defaults={"rater": rater}
    )
    network_map.answers = {domain: sorted(set(chosen)) for domain, chosen in answers.items()}
    network_map.rater = rater
    network_map.recorded_by = by if rater == Rater.COORDINATOR else None
    network_map.recorded_at = timezone.now()
    network_map.full_clean()
    network_map.save()
    return network_map


def _parent_with_email(request: SupportRequest):
    return request.family.parents.filter(is_primary_contact=True).exclude(email="").first()


@transaction.atomic
def goal_rating_round_open(
    *, request: SupportRequest, moment: str, occasion: str, due_at: datetime | None = None
) -> GoalRatingRound | None:
    """Ask the parent to rate their goals at `occasion`: a private link, emailed once
    in the request's language. Nothing when there are no goals, the parent has no
    email address, or this occasion was asked before (one round per occasion)."""
    if not request.goals.exists():
        return None
    parent = _parent_with_email(request)
    if parent is None:
        return None
    round, created = GoalRatingRound.objects.get_or_create(
        request=request, occasion=occasion, defaults={"moment": moment}
    )
    if not created:
        return round
    token, round.token_hash = new_link_token()
    round.save(update_fields=["token_hash"])
    notification_schedule(
        kind="goal_rating_invitation",
        due_at=due_at or timezone.now(),
        target=round,
        recipient_email=parent.email,
        language=request.language,
        context={
            "reference_code": request.reference_code,
            "parent_first_name": parent.first_name,
            "moment": moment,
            "rating_url": rating_url(token),
        },
    )
    return round


def goal_rounds_follow_request(*, request: SupportRequest) -> None:
    """Called by `request_change_status` in its transaction: a request that ends
    stops asking for the ratings of intake and evaluations (their invitations are
    cancelled); a request that is closed asks the parent for the closure rating."""
    if request.is_open:
        return
    now = timezone.now()
    stale = list(
        GoalRatingRound.objects.filter(
            request=request, completed_at__isnull=True, cancelled_at__isnull=True
        ).exclude(moment=RatingMoment.CLOSURE)
    )
    GoalRatingRound.objects.filter(pk__in=[r.pk for r in stale]).update(cancelled_at=now)
    if stale:
        reminders_cancel_stale(*stale)
    if request.status == RequestStatus.CLOSED:
        goal_rating_round_open(request=request, moment=RatingMoment.CLOSURE, occasion="closure")


@transaction.atomic
def ratings_consent_set(*, request: SupportRequest, agreed: bool, by=None, given_by: str) -> None:
    """The parent agrees (or no longer agrees) that the volunteer sees their ratings."""
    current = Consent.objects.filter(
        family_id=request.family_id,
        purpose=ConsentPurpose.RATINGS_WITH_VOLUNTEER,
        withdrawn_at__isnull=True,
    )
    if agreed and not current.exists():
        Consent.objects.create(
            family_id=request.family_id,
            purpose=ConsentPurpose.RATINGS_WITH_VOLUNTEER,
            text_version=RATINGS_CONSENT_VERSION,
            text=RATINGS_CONSENT_TEXT,
            given_by=given_by,
            recorded_by=by,
        )
    if not agreed:
        current.update(withdrawn_at=timezone.now())


@transaction.atomic
def goal_round_answer_by_parent(
    *,
    round: GoalRatingRound,
    scores: dict[int, int],
    network: dict[str, list[str]] | None,
    share_with_volunteer: bool,
) -> None:
    """The parent's answers on their private link, all at once: the network map (at
    intake and closure), whether the volunteer may see the numbers, and the ratings
    (which close the round: the link then stops working)."""
    request = round.request
    if network is not None:
        network_map_record(
            request=request, moment=round.moment, answers=network, rater=Rater.PARENT
        )
    ratings_consent_set(
        request=request, agreed=share_with_volunteer, given_by="parent via goal rating link"
    )
    goal_ratings_record(
        request=request, moment=round.moment, scores=scores, rater=Rater.PARENT, round=round
    )


@transaction.atomic
def goal_rating_invite_for_intake(*, request: SupportRequest) -> GoalRatingRound:
    """A coordinator asks the parent to give their starting ratings on their own link."""
    if not request.is_open:
        raise ValidationError(_("This request is no longer open."), code="closed")
    if GoalRatingRound.objects.filter(request=request, occasion=RatingMoment.INTAKE).exists():
        raise ValidationError(
            _("The parent was already asked for their starting ratings."), code="asked"
        )
    round = goal_rating_round_open(
        request=request, moment=RatingMoment.INTAKE, occasion=RatingMoment.INTAKE
    )
    if round is None:
        raise ValidationError(
            _("Set the goals first, and add the parent's email address."), code="cannot_ask"
        )
    return round
