"""The volunteers' front door: the public sign-up form and its confirmation."""

from __future__ import annotations

from decimal import Decimal

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coalition.programmes.models import Programme
from families.submission import posted_submission_key, submitted
from families.throttle import honeypot_hit, submission_allowed, submission_succeeded
from volunteers import forms, services
from volunteers.models import Volunteer

SIGNUP_DONE_KEY = "volunteer_signup_done"


def signup(request):
    programmes = Programme.objects.filter(is_active=True).order_by("name")
    form = forms.VolunteerSignupForm(request.POST or None)
    if request.method == "POST":
        if not submission_allowed(request, scope="volunteer"):
            return render(request, "429.html", status=429)
        if (done := _already_signed_up(request)) is not None:
            return done
        if request.POST.get("website"):
            honeypot_hit(request, scope="volunteer")
            form.is_valid()
            form.add_error(None, _("Something went wrong. Please try again later."))
        elif form.is_valid():
            return _signup_save(request, form)
    return render(
        request,
        "volunteers/signup.html",
        {"form": form, "programmes": programmes},
        status=400 if form.errors else 200,
    )


def _signed_up(request):
    submission_succeeded(request, scope="volunteer")
    request.session[SIGNUP_DONE_KEY] = True
    return redirect("volunteers:signup_done")


def _already_signed_up(request):
    """A second tap on "Sign up" shows the same confirmation: no second account, and no
    "there is already an account" email to the person who has just signed up."""
    if submitted(Volunteer.objects, posted_submission_key(request)) is None:
        return None
    return _signed_up(request)


def _signup_save(request, form):
    data = form.cleaned_data
    try:
        volunteer = services.volunteer_apply(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            programmes=list(data["programmes"]),
            is_household=data["is_household"],
            household_members=form.household_members(),
            has_children=data["has_children"],
            has_pets=data["has_pets"],
            smokes=data["smokes"],
            availability=form.availability_mask(),
            languages=data["languages"],
            postcode=data["postcode"],
            travel_radius_km=Decimal(data["travel_radius_km"]),
            child_age_min=data["child_age_min"],
            child_age_max=data["child_age_max"],
            motivation=data["motivation"],
            consent_text=str(forms.VOLUNTEER_CONSENT_TEXT),
            consent_version=forms.VOLUNTEER_CONSENT_VERSION,
            language=translation.get_language() or "nl",
            submission_key=data["submission_key"],
        )
    except IntegrityError:
        # A second tap raced the first one to the same submission key.
        if (done := _already_signed_up(request)) is not None:
            return done
        raise
    except ValidationError as exc:
        if getattr(exc, "code", None) == "exists":
            # Say the same as for a new address, after the same work (the service
            # hashed the password either way), so the form does not reveal who
            # volunteers; the owner of the address gets an email about it.
            get_adapter(request).send_account_already_exists_mail(data["email"])
            return _signed_up(request)
        form.add_error(None, exc)
        return render(
            request,
            "volunteers/signup.html",
            {"form": form, "programmes": form.fields["programmes"].queryset},
            status=400,
        )
    # allauth sends its own verification email; the account works once it is confirmed.
    EmailAddress.objects.get(user=volunteer.user, primary=True).send_confirmation(
        request, signup=True
    )
    return _signed_up(request)


@require_safe
def signup_done(request):
    if not request.session.get(SIGNUP_DONE_KEY):
        return redirect("volunteers:signup")
    return render(request, "volunteers/signup_done.html")
