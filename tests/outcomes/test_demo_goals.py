"""The demo data carries goals, ratings at intake and later, and network maps."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from families.models import Goal, GoalRating, NetworkMap, SupportRequest
from families.outcomes.summary import goals_attained_summary, network_change_summary

pytestmark = pytest.mark.django_db


def test_a_good_share_of_the_demo_requests_have_goals_rated_over_time(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", families=100, volunteers=70, stdout=StringIO())

    with_intake = SupportRequest.objects.filter(intake_done_on__isnull=False)
    with_goals = with_intake.filter(goals__isnull=False).distinct().count()
    assert with_goals >= with_intake.count() * 0.5
    assert GoalRating.objects.filter(moment="intake").count() == Goal.objects.count()
    assert GoalRating.objects.exclude(moment="intake").exists()
    assert NetworkMap.objects.filter(moment="closure").exists()
    assert any(row.measured for row in goals_attained_summary(SupportRequest.objects.all()))
    assert any(row.families for row in network_change_summary(SupportRequest.objects.all()))
