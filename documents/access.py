"""Health information in documents: the same rule as everywhere
(`coalition.people.access.can_see_special_category`), applied to the request the
document belongs to."""

from __future__ import annotations

from coalition.people.access import can_see_special_category
from coalition.people.models import Role
from coalition.programmes.models import Programme
from documents.models import Document


def may_read(user, document: Document) -> bool:
    """Whether `user`, who may see the record, may also see this document. A family
    document with health information follows the family's requests (any one the user
    may read health information of); a volunteer's follows their programmes."""
    if not document.special_category:
        return True
    name, record = document.target
    if name == "request":
        return can_see_special_category(user, record)
    if name == "match":
        return can_see_special_category(user, record.request)
    if name == "family":
        return any(can_see_special_category(user, r) for r in record.requests.all())
    if user.role not in (Role.COORDINATOR, Role.INTAKE_COORDINATOR):
        return False
    mine = set(Programme.objects.coordinated_by(user).values_list("pk", flat=True))
    return any(p.pk in mine for p in record.programmes.all())


def readable(user, documents) -> list[Document]:
    return [d for d in documents if may_read(user, d)]
