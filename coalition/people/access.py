"""Access decorators: one place that says which role may open which page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from coalition.people.audit import audit_log
from coalition.people.models import AuditAction, Role, User
from coalition.programmes.models import Programme


def role_required(*roles: str) -> Callable:
    """Logged-in users with one of `roles` pass; anyone else gets a 404, so that
    outsiders cannot even learn that a page exists. Anonymous users log in first."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in roles:
                audit_log(
                    request=request,
                    action=AuditAction.DENIED,
                    target_type="page",
                    target_id=request.resolver_match.view_name if request.resolver_match else "",
                )
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


STAFF = (Role.COALITION_ADMIN, Role.COORDINATOR, Role.INTAKE_COORDINATOR)
coordinator_required = role_required(*STAFF)
partner_required = role_required(Role.PARTNER)
volunteer_required = role_required(Role.VOLUNTEER)


def can_see_special_category(user, request) -> bool:
    """Health and psychiatric information of a request (`health_notes`, the
    special-category `situation` entries) is for the coordinators of the
    programme that handles the request only; for a request still in the central
    intake queue, for the intake coordinators. Never for administrators,
    partners, volunteers, other programmes, nor lists, exports or reports."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.role == Role.INTAKE_COORDINATOR and request.programme_id is None:
        return True
    if user.role not in (Role.COORDINATOR, Role.INTAKE_COORDINATOR) or not request.programme_id:
        return False
    return request.programme_id in _coordinated_programme_ids(user)


def _coordinated_programme_ids(user) -> frozenset[int]:
    # A page asks this for its request, its form's fields and what a post may change:
    # one query per user object (that is, per HTTP request), not one per question.
    known = getattr(user, "_coordinated_programme_ids", None)
    if known is None:
        known = frozenset(Programme.objects.coordinated_by(user).values_list("pk", flat=True))
        user._coordinated_programme_ids = known
    return known


def can_own_case(user, *, programme_id: int | None) -> bool:
    """Who may be responsible for a request or match of `programme_id`: an active
    coordinator of that programme; for a request still in the central intake
    queue (no programme), an intake coordinator. Hand-overs, "assign to me" and
    the coordinator who takes an unowned request all ask this one rule."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.role not in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
        return False
    if programme_id is None:
        return user.role == Role.INTAKE_COORDINATOR
    return programme_id in _coordinated_programme_ids(user)


def may_hand_over(user, *, programme_id: int | None) -> bool:
    """Who may give a case of `programme_id` to a colleague: whoever may own it,
    and the coalition administrator (who owns none herself)."""
    if user and user.is_authenticated and user.is_active and user.role == Role.COALITION_ADMIN:
        return True
    return can_own_case(user, programme_id=programme_id)


def case_owner_candidates(*, programme_id: int | None):
    """The colleagues a case of `programme_id` can be handed to (`can_own_case` as a
    queryset), by name."""
    users = User.objects.filter(
        is_active=True, role__in=(Role.COORDINATOR, Role.INTAKE_COORDINATOR)
    )
    if programme_id is None:
        users = users.filter(role=Role.INTAKE_COORDINATOR)
    else:
        users = users.filter(coordinator__programmes=programme_id)
    return users.order_by("first_name", "last_name", "email").distinct()
