import pytest
from django.core.exceptions import ValidationError

from coalition.status_machine import IllegalTransition
from families.models import RequestStatus
from families.services import request_change_status, request_choose_programme
from tests.factories import ChildFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def test_a_request_moves_from_new_to_waiting_and_keeps_its_history(coordinator):
    request = SupportRequestFactory()
    for status in (
        RequestStatus.INTAKE_PLANNED,
        RequestStatus.INTAKE_DONE,
        RequestStatus.WAITING_FOR_MATCH,
    ):
        request_change_status(request=request, to_status=status, by=coordinator)

    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING_FOR_MATCH
    assert request.intake_done_on is not None
    history = list(request.status_changes.values_list("from_status", "to_status"))
    assert history == [
        ("new", "intake_planned"),
        ("intake_planned", "intake_done"),
        ("intake_done", "waiting"),
    ]


def test_a_new_request_cannot_jump_to_matched(coordinator):
    request = SupportRequestFactory()
    with pytest.raises(IllegalTransition, match="Matched"):
        request_change_status(request=request, to_status=RequestStatus.MATCHED, by=coordinator)
    assert request.status_changes.count() == 0


def test_a_withdrawn_request_stays_withdrawn(coordinator):
    request = SupportRequestFactory()
    request_change_status(
        request=request,
        to_status=RequestStatus.WITHDRAWN,
        by=coordinator,
        reason="Hulp via familie",
    )
    with pytest.raises(IllegalTransition):
        request_change_status(
            request=request, to_status=RequestStatus.INTAKE_PLANNED, by=coordinator
        )


def test_closing_needs_a_reason(coordinator):
    request = SupportRequestFactory()
    with pytest.raises(ValidationError, match="reason"):
        request_change_status(request=request, to_status=RequestStatus.CLOSED, by=coordinator)


def test_the_intake_queue_cannot_wait_for_a_match_without_a_programme(coordinator):
    request = SupportRequestFactory(
        programme=None, help_me_choose=True, status=RequestStatus.INTAKE_DONE
    )
    with pytest.raises(ValidationError, match="Choose a programme"):
        request_change_status(
            request=request, to_status=RequestStatus.WAITING_FOR_MATCH, by=coordinator
        )


@pytest.mark.parametrize(("age", "fits"), [(4, True), (5, False)])
def test_meeleefgezin_takes_children_up_to_four(meeleefgezin, intake_coordinator, age, fits):
    request = SupportRequestFactory(programme=None, with_child=False)
    from django.utils import timezone

    today = timezone.localdate()
    # Born in the first month of the year `age` years ago: exactly `age` today.
    child = ChildFactory(family=request.family, birth_year=today.year - age, birth_month=1)
    request.children.add(child)
    if fits:
        request_choose_programme(request=request, programme=meeleefgezin, by=intake_coordinator)
        assert request.programme == meeleefgezin
    else:
        with pytest.raises(ValidationError, match="0 to 4"):
            request_choose_programme(request=request, programme=meeleefgezin, by=intake_coordinator)
