"""The audit log: who looked at, changed, exported or was refused which record.

Views call `audit_log(...)` after a change or export, and fetch single records
through `get_visible_or_404(...)`, which logs the view (or the refusal) itself.
Events hold ids and labels only: never names, notes or special-category text.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.crypto import salted_hmac

from coalition.people.models import STAFF_ROLES, AuditAction, AuditEvent, Coordinator, Role

# Views, changes and exports are logged for the professionals who work with
# families' data. Refusals are logged for every logged-in user: probing other
# people's records is what the log is for.
AUDITED_ROLES = frozenset(STAFF_ROLES | {Role.PARTNER})


def client_ip(request) -> str | None:
    """The client address. Behind our own proxies (`ALLAUTH_TRUSTED_PROXY_COUNT`,
    the same setting allauth's rate limits use) the address the outermost of them
    added to X-Forwarded-For; anything further left can be forged by the client."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _target_label(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def audit_log(
    *,
    request,
    action: str,
    obj: models.Model | None = None,
    target_type: str | None = None,
    target_id: object = None,
) -> AuditEvent | None:
    """Record one event for the logged-in user of `request`; returns it (or None when
    the user's role is not audited for this action).

    Call it inside the transaction of a change: when the change rolls back, its
    event goes with it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if action != AuditAction.DENIED and user.role not in AUDITED_ROLES:
        return None
    if obj is not None:
        target_type = _target_label(obj)
        target_id = obj.pk
    organisation_id, organisation_name = _organisation_of(user)
    return AuditEvent.objects.create(
        actor_id=user.pk,
        actor_email=user.email,
        actor_role=user.role or "",
        organisation_id=organisation_id,
        organisation_name=organisation_name,
        action=action,
        target_type=target_type or "",
        target_id="" if target_id is None else str(target_id),
        ip_address=client_ip(request),
        path=request.path[:300],
    )


def search_hash(term: str) -> str:
    """A keyed hash of a search term, never the term: an auditor asking "who searched
    for Jansen?" computes `search_hash("Jansen")` (manage.py shell, same SECRET_KEY)
    and looks for it as the object id of list events; the log alone does not say
    what anyone searched for."""
    normalised = " ".join(term.split()).casefold()
    return salted_hmac("coalition.audit.search", normalised, algorithm="sha256").hexdigest()


def audit_list(
    request, *, target_type: str, search: str = "", action: str = AuditAction.VIEW
) -> AuditEvent | None:
    """A page that lists or counts records (a list, a search, today's work, a report):
    one event naming the kind of records shown and, for a search, its term's hash."""
    term = search.strip()
    return audit_log(
        request=request,
        action=action,
        target_type=target_type,
        target_id=search_hash(term) if term else None,
    )


# The actor role of calls made by a partner organisation's system, not a person.
API_CLIENT_ROLE = "api_client"


def audit_log_client(
    *,
    request,
    client_id: str,
    organisation,
    action: str,
    obj: models.Model | None = None,
    target_type: str | None = None,
    target_id: object = None,
) -> AuditEvent:
    """Record one call of an API client (a partner's system): the actor is the
    client and its organisation, no user. Every call is logged, reads included."""
    if obj is not None:
        target_type = _target_label(obj)
        target_id = obj.pk
    return AuditEvent.objects.create(
        actor_id=None,
        actor_email=f"api-client:{client_id}"[:254],
        actor_role=API_CLIENT_ROLE,
        organisation_id=organisation.pk,
        organisation_name=organisation.name,
        action=action,
        target_type=target_type or "",
        target_id="" if target_id is None else str(target_id),
        ip_address=client_ip(request),
        path=request.path[:300],
    )


def _organisation_of(user) -> tuple[int | None, str]:
    """(id, name) of the user's organisation: a partner's is on the user, a
    coordinator's on their Coordinator row (one query, cached on the user)."""
    cached = getattr(user, "_audit_organisation", None)
    if cached is not None:
        return cached
    found: dict | None = None
    if user.organisation_id:
        found = {"pk": user.organisation_id, "name": user.organisation.name}
    elif user.role in STAFF_ROLES:
        found = (
            Coordinator.objects.filter(user=user)
            .values(pk=models.F("organisation_id"), name=models.F("organisation__name"))
            .first()
        )
    user._audit_organisation = (found["pk"], found["name"]) if found else (None, "")
    return user._audit_organisation


def get_visible_or_404(
    request, queryset: models.QuerySet, *, action: str | None = None, **lookup
) -> models.Model:
    """Fetch one record from a queryset already scoped to the user
    (`X.objects.visible_to(request.user)`), logging `action`; raise 404 otherwise.

    Without an explicit `action` a GET is logged as a view and any other method
    as a change: every coordinator action fetches its record through here, so a
    change cannot be made without leaving its trace.

    When the record exists but lies outside the user's scope the refusal is
    logged as `denied`; a record that does not exist at all is not logged
    (nothing was disclosed and nothing was at risk).
    """
    if action is None:
        action = AuditAction.VIEW if request.method in ("GET", "HEAD") else AuditAction.CHANGE
    obj = queryset.filter(**lookup).first()  # .first(): no MultipleObjectsReturned
    if obj is not None:
        audit_log(request=request, action=action, obj=obj)
        return obj
    model = queryset.model
    pk = model._default_manager.filter(**lookup).values_list("pk", flat=True).first()
    if pk is not None:
        # Written directly: ATOMIC_REQUESTS is off, so the 404 rolls nothing back.
        audit_log(
            request=request,
            action=AuditAction.DENIED,
            target_type=_target_label(model),
            target_id=pk,
        )
    raise Http404
