"""Demo staff: the admin, coordinators with their profiles, partner organisations and users."""

from __future__ import annotations

import math

from allauth.mfa.totp.internal.auth import TOTP
from django.utils.text import slugify

from coalition.people.models import STAFF_ROLES, Coordinator, Role, User
from coalition.programmes.models import Organisation, Programme, Wijk
from devtools.demo import constants as c


class StaffMixin:
    """Staff users and partner organisations: one part of `DemoBuilder`, sharing its RNG and state."""

    def _user(self, email: str, role: str, *, organisation=None, first="", last="", **extra):
        user = User(
            email=email,
            role=role,
            organisation=organisation,
            first_name=first or self.names.first_name(),
            last_name=last or self.names.last_name(),
            password=self.password,
            **extra,
        )
        self.users.append(user)
        return user

    def build_staff(self) -> None:
        office, _created = Organisation.objects.get_or_create(
            name=c.COALITION_OFFICE, defaults={"kind": "coalition"}
        )
        organisations = [
            Organisation(
                name=name,
                kind=kind,
                email=f"info@{sub}.{c.DEMO_DOMAIN}",
                phone=f"013-{self.rng.randrange(1_000_000, 9_999_999)}",
            )
            for name, kind, sub in c.PARTNER_ORGANISATIONS
        ]
        self.partner_orgs = self._bulk(Organisation, organisations, "Partner organisations")
        by_name = {org.name: org for org in self.partner_orgs}

        admin = self._user(
            c.ADMIN_EMAIL,
            Role.COALITION_ADMIN,
            organisation=office,
            is_staff=True,
            is_superuser=True,
        )
        intake = self._user(c.INTAKE_EMAIL, Role.INTAKE_COORDINATOR, organisation=office)
        self.logins += [
            ("Coalition administrator", admin.email),
            ("Intake coordinator", intake.email),
        ]
        staff: list[tuple[User, list[Programme], list[Wijk]]] = []
        wijken = list(Wijk.objects.order_by("code"))
        half = math.ceil(len(wijken) / 2)
        for slug in c.PROGRAMME_WEIGHTS:
            programme = self.programmes[slug]
            first = self._user(
                c.coordinator_email(slug), Role.COORDINATOR, organisation=programme.provider
            )
            f2, l2 = self.names.first_name(), self.names.last_name()
            second = self._user(
                slugify(f"{f2} {l2}").replace("-", ".") + f"@{slug}.{c.DEMO_DOMAIN}",
                Role.COORDINATOR,
                organisation=programme.provider,
                first=f2,
                last=l2,
            )
            self.coordinators[slug] = [first, second]
            staff += [(first, [programme], wijken[:half]), (second, [programme], wijken[half:])]
            self.logins += [
                (f"Coordinator {programme.name}", first.email),
                (f"Coordinator {programme.name}", second.email),
            ]
        for email, org_name in (
            (c.SCHOOL_PARTNER_EMAIL, c.SCHOOL_WITH_LOGIN),
            (c.WIJKTEAM_PARTNER_EMAIL, c.WIJKTEAM_WITH_LOGIN),
        ):
            self.partner_users[org_name] = self._user(
                email, Role.PARTNER, organisation=by_name[org_name]
            )
            self.logins.append((f"Partner ({org_name})", email))
        User.objects.bulk_create(self.users)
        for user in self.users:
            if user.role in STAFF_ROLES:
                TOTP.activate(user, c.DEMO_TOTP_SECRET)
        self.intake_user = intake
        staff.append((intake, list(self.programmes.values()), wijken))
        profiles = [
            Coordinator(user=user, organisation=user.organisation, phone=self.names.phone())
            for user, _programmes, _wijken in staff
        ]
        self._bulk(Coordinator, profiles)
        programme_links = [
            Coordinator.programmes.through(coordinator_id=profile.pk, programme_id=p.pk)
            for profile, (_user, programmes, _wijken) in zip(profiles, staff, strict=True)
            for p in programmes
        ]
        wijk_links = [
            Coordinator.wijken.through(coordinator_id=profile.pk, wijk_id=w.pk)
            for profile, (_user, _programmes, ws) in zip(profiles, staff, strict=True)
            for w in ws
        ]
        Coordinator.programmes.through.objects.bulk_create(programme_links)
        Coordinator.wijken.through.objects.bulk_create(wijk_links)
