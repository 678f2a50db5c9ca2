"""The shapes of the API. Referral rules live in the partner form (`ReferralForm`) and
the service: the create serializer only gives the JSON its types and hands the data
to that form, so the web form and the API accept exactly the same referrals."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from coalition.programmes.models import Programme
from families.form_fields import CHILD_SLOTS, MAX_CHILD_AGE
from families.forms import REFERRAL_CONSENT_VERSION
from families.models import ContactPreference
from families.selectors import PARTNER_STATUS_LABELS


class ChildSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100, help_text="First name or initial.")
    age = serializers.IntegerField(min_value=0, max_value=MAX_CHILD_AGE, help_text="In years.")


class ConsentSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=["referral"],
        help_text="What the parents agreed to: that the partner refers them to the coalition "
        "and passes on these contact details.",
    )
    text_version = serializers.ChoiceField(
        choices=[REFERRAL_CONSENT_VERSION],
        help_text="The version of the consent text the parents were shown (the coalition's).",
    )
    given_on = serializers.DateField(help_text="The day the parents agreed; not in the future.")
    valid_until = serializers.DateField(
        help_text="The last day the consent holds: after the given day, not in the past. "
        "The day after it the referral's status freezes at `consent_expired` and nothing "
        "more is shared until a coordinator records the parents' renewal."
    )


class ReferralCreateSerializer(serializers.Serializer):
    parent_first_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_preference = serializers.ChoiceField(choices=ContactPreference.choices)
    contact_times = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(max_length=10, help_text="A Dutch postcode, e.g. 5038 AB.")
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        help_text="The language to contact the parents in.",
    )
    children = ChildSerializer(many=True, min_length=1, max_length=CHILD_SLOTS)
    reason = serializers.CharField(max_length=3000, help_text="No medical details.")
    advised_programme = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The slug of a programme from the catalogue; empty: the coalition decides.",
    )
    consent = ConsentSerializer()

    def validate_advised_programme(self, slug: str | None) -> Programme | None:
        if not slug:
            return None
        programme = Programme.objects.filter(is_active=True, slug=slug).first()
        if programme is None:
            raise serializers.ValidationError("No active programme has this slug.")
        return programme

    def form_data(self) -> dict:
        """The validated JSON as the partner form's fields."""
        data = self.validated_data
        fields = {
            key: data[key]
            for key in (
                "parent_first_name",
                "phone",
                "email",
                "contact_preference",
                "contact_times",
                "postcode",
                "language",
                "reason",
            )
        }
        for i, child in enumerate(data["children"], start=1):
            fields[f"child_{i}_name"] = child["first_name"]
            fields[f"child_{i}_age"] = str(child["age"])
        programme = data["advised_programme"]
        fields["advised_programme"] = str(programme.pk) if programme else ""
        fields["parents_agreed"] = "on"
        fields["parents_agreed_on"] = data["consent"]["given_on"].isoformat()
        fields["consent_valid_until"] = data["consent"]["valid_until"].isoformat()
        return fields


class ReferralSerializer(serializers.Serializer):
    """What a partner may know about its referral: what the partner portal shows."""

    reference_code = serializers.CharField()
    parent_first_name = serializers.CharField()
    received_on = serializers.DateField()
    advised_programme = serializers.CharField(help_text="Empty: the coalition decides.")
    programme = serializers.CharField(help_text="The programme now holding the request.")
    status = serializers.ChoiceField(choices=list(PARTNER_STATUS_LABELS))
    status_label = serializers.CharField()
    status_on = serializers.DateField(allow_null=True)
    reason_category = serializers.CharField(
        help_text="Why support ended or did not start, as a category; never a note."
    )
    overdue = serializers.BooleanField(
        help_text="True when the receiver has not accepted or declined by `answer_due_on`."
    )
    answer_due_on = serializers.DateField(
        allow_null=True,
        help_text="The last working day for the receiving programme (or the coalition's "
        "intake) to accept or decline the referral.",
    )
    consent_valid_until = serializers.DateField(
        allow_null=True, help_text="The last day the parents' consent holds."
    )


class ProgrammeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    provider = serializers.CharField(source="provider.name")
    summary = serializers.CharField()
    asks_of_family = serializers.CharField()
    support_mode = serializers.CharField()
    child_min_age = serializers.IntegerField()
    child_max_age = serializers.IntegerField()
    typical_duration_months = serializers.IntegerField()


def page_of(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The shape of one page of `item`s (views.Pagination)."""
    fields = {
        "count": serializers.IntegerField(help_text="Items on all pages together."),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": item(many=True),
    }
    return type(
        f"Paginated{item.__name__.removesuffix('Serializer')}List",
        (serializers.Serializer,),
        fields,
    )


ReferralPageSerializer = page_of(ReferralSerializer)
ProgrammePageSerializer = page_of(ProgrammeSerializer)
