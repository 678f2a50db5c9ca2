"""factory_boy factories with invented people only (Faker, Dutch locale)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from coalition.people.models import STAFF_ROLES, Coordinator, Role, User
from coalition.privacy.models import ConsentPurpose
from coalition.programmes.models import Organisation, OrganisationKind, Programme
from coalition.programmes.weekgrid import mask_from_slots
from families.models import Child, Consent, Family, Parent, Referral, SupportRequest
from matching.models import Match
from volunteers.models import ScreeningStep, Volunteer, VolunteerKind, VolunteerStatus

factory.Faker._DEFAULT_LOCALE = "nl_NL"

WEEKDAY_AFTERNOONS = mask_from_slots(["mon_afternoon", "wed_afternoon", "fri_afternoon"])


def programme(slug: str) -> Programme:
    """The programmes come from a data migration, like in production."""
    return Programme.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.COORDINATOR
    password = factory.django.Password("correct horse battery staple")
    preferred_language = "en"

    @factory.post_generation
    def two_step_login(self, create, extracted, **kwargs):
        """Staff have an authenticator app unless `two_step_login=False`: without one
        they cannot open any page (coalition.people.middleware)."""
        if create and extracted is not False and self.role in STAFF_ROLES:
            with_totp(self)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Basisschool De Regenboog {n}")
    kind = OrganisationKind.SCHOOL


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.COORDINATOR)
    organisation = factory.LazyAttribute(lambda o: o.programme_for_org.provider)

    class Params:
        programme_for_org = factory.LazyFunction(lambda: programme("buurtgezinnen"))

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):
        if create:
            self.programmes.set(extracted or [self.organisation.programmes.first()])


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    postcode = "5038 AB"
    pc4 = "5038"
    wijk_id = "WK085510"
    languages = factory.LazyFunction(lambda: ["nl"])


class ParentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Parent

    family = factory.SubFactory(FamilyFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    phone = "06-12345678"
    email = factory.Sequence(lambda n: f"parent{n}@example.org")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    family = factory.SubFactory(FamilyFactory)
    first_name = factory.Faker("first_name")
    birth_year = factory.LazyFunction(lambda: timezone.localdate().year - 6)
    birth_month = 1


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    programme = factory.LazyFunction(lambda: programme("buurtgezinnen"))
    situation = factory.LazyFunction(lambda: ["overloaded", "no_network"])
    availability = WEEKDAY_AFTERNOONS

    @factory.post_generation
    def with_child(self, create, extracted, **kwargs):
        """A request concerns at least one child unless `with_child=False`."""
        if create and extracted is not False:
            child = ChildFactory(family=self.family, **kwargs)
            self.children.add(child)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    purpose = ConsentPurpose.REFERRAL
    text_version = "2026-01"
    text = "De ouders gaan akkoord met de verwijzing."
    family = factory.SubFactory(FamilyFactory)
    given_by = "ouder, mondeling aan de verwijzer"


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    request = factory.SubFactory(SupportRequestFactory, source="partner")
    organisation = factory.SubFactory(OrganisationFactory)
    referred_by = None
    reason = "Moeder is alleen en overbelast."
    parents_agreed_on = factory.LazyFunction(timezone.localdate)
    consent = factory.LazyAttribute(lambda o: ConsentFactory(family=o.request.family))


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    kind = VolunteerKind.STEUNGEZIN
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    pc4 = "5037"
    wijk_id = "WK085537"
    travel_radius_km = 5
    languages = factory.LazyFunction(lambda: ["nl"])
    availability = WEEKDAY_AFTERNOONS
    status = VolunteerStatus.APPROVED

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):
        if create:
            self.programmes.set(extracted or [programme("buurtgezinnen")])

    @factory.post_generation
    def screened(self, create, extracted, **kwargs):
        """Valid screening for every requirement of the volunteer's programmes,
        unless `screened=False`."""
        if not create or extracted is False:
            return
        done = timezone.localdate() - dt.timedelta(days=30)
        kinds = {k for p in self.programmes.all() for k in p.required_screening}
        kinds.discard("household_vog")  # no other adults unless a test adds them
        for kind in kinds:
            ScreeningStep.objects.create(
                volunteer=self,
                kind=kind,
                done_on=done,
                expires_on=done + dt.timedelta(days=3 * 365) if "vog" in kind else None,
            )


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    request = factory.SubFactory(SupportRequestFactory, status="waiting")
    volunteer = factory.SubFactory(VolunteerFactory)
    programme = factory.LazyAttribute(lambda o: o.request.programme)


def with_totp(user: User) -> User:
    """Give `user` an activated authenticator app (two-step login), as after the
    setup page; staff need it before any page (coalition.people.middleware)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


# One known secret for every test user, so a test can type the current code.
TEST_TOTP_SECRET = "KRSXG5CUKRSXG5CUKRSXG5CUKRSXG5CU"


def totp_code_now(secret: str = TEST_TOTP_SECRET) -> str:
    """The code an authenticator app with `secret` shows right now."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def duplicate_pair(one, two, reasons=None):
    """A possible duplicate of two families, stored lowest id first as detection does."""
    from families.models import DuplicateCandidate

    first, second = sorted((one, two), key=lambda family: family.pk)
    return DuplicateCandidate.objects.create(
        family=first, other=second, reasons=reasons or [{"code": "phone"}], score=50
    )


def moment_at(match, start: dt.datetime, *, hours: int = 4, kind: str = "dagdeel", **fields):
    """A support moment of `match` from `start`, straight into the table (no nudge)."""
    from matching.moments.models import Moment

    return Moment.objects.create(
        match=match, kind=kind, starts_at=start, ends_at=start + dt.timedelta(hours=hours), **fields
    )
