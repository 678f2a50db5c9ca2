"""Every kind of notification: who it is for, its subject, and whether it may wait for the digest.

The body of each kind is `templates/emails/<kind>.txt` and `.html`. Subjects may use
`%(name)s` placeholders from the notification's context; a missing value renders empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The Monday digest carries other notifications, so it can never itself be held for one.
WEEKLY_DIGEST = "weekly_digest"


class Audience:
    STAFF = "staff"
    VOLUNTEER = "volunteer"
    PARENT = "parent"
    PARTNER = "partner"


@dataclass(frozen=True)
class Kind:
    slug: str
    audience: str
    label: Promise
    subject: Promise
    # Attach an .ics calendar invitation for the follow-up it is about.
    calendar: bool = False
    # (context key, subject): the subject to use when the context has that key filled,
    # so that two reminders about different people never share a subject line.
    subject_when: tuple[tuple[str, Promise], ...] = ()

    def subject_for(self, context: dict) -> Promise:
        for key, subject in self.subject_when:
            if context.get(key):
                return subject
        return self.subject


_KINDS = [
    # Coordinators
    Kind(
        "evaluation_upcoming",
        Audience.STAFF,
        _("Evaluation coming up"),
        _("Evaluation on %(due_on)s: %(reference_code)s"),
        calendar=True,
    ),
    Kind(
        "evaluation_due",
        Audience.STAFF,
        _("Evaluation due today"),
        _("Evaluation due today: %(reference_code)s"),
    ),
    Kind(
        "evaluation_overdue",
        Audience.STAFF,
        _("Evaluation overdue"),
        _("Evaluation overdue: %(reference_code)s"),
    ),
    Kind(
        "trial_ending",
        Audience.STAFF,
        _("Trial period ending"),
        _("Trial period ends on %(due_on)s: %(reference_code)s"),
    ),
    Kind(
        "request_waiting",
        Audience.STAFF,
        _("Request waiting past the intake promise"),
        _("Waiting for a call: %(reference_code)s"),
    ),
    Kind(
        "consent_expiring",
        Audience.STAFF,
        _("A family's consent runs out soon"),
        _("Consent runs out on %(ends_on)s: %(reference_code)s"),
    ),
    Kind(
        "referral_overdue",
        Audience.STAFF,
        _("Referral not answered in time"),
        _("Referral not answered in time: %(reference_code)s"),
    ),
    Kind(
        "volunteer_waiting",
        Audience.STAFF,
        _("Volunteer waiting for intake or screening"),
        _("A volunteer is waiting: %(volunteer_first_name)s"),
    ),
    Kind(
        "volunteer_profile_changed",
        Audience.STAFF,
        _("A volunteer changed their details"),
        _("%(volunteer_first_name)s changed their details: check the screening"),
    ),
    Kind(
        "vog_expiring",
        Audience.STAFF,
        _("VOG expiring within 60 days"),
        _("VOG of %(volunteer_first_name)s expires on %(expires_on)s"),
        subject_when=(
            (
                "household_member_first_name",
                _(
                    "VOG of %(household_member_first_name)s (household of "
                    "%(volunteer_first_name)s) expires on %(expires_on)s"
                ),
            ),
        ),
    ),
    Kind(
        "proposal_waiting",
        Audience.STAFF,
        _("Proposal awaiting review"),
        _("Proposal waiting: %(reference_code)s"),
    ),
    Kind(
        "case_handed_over",
        Audience.STAFF,
        _("A case was handed to you"),
        _("Handed to you: %(reference_code)s"),
    ),
    Kind(
        WEEKLY_DIGEST,
        Audience.STAFF,
        _("Weekly digest"),
        _("Your week: caseload and reminders"),
    ),
    # Volunteers
    Kind(
        "evaluation_invitation",
        Audience.VOLUNTEER,
        _("Evaluation meeting"),
        _("Evaluation meeting on %(due_on)s"),
        calendar=True,
    ),
    Kind(
        "screening_steps",
        Audience.VOLUNTEER,
        _("Screening steps to complete"),
        _("A few steps before you can start"),
    ),
    Kind(
        "volunteer_approved",
        Audience.VOLUNTEER,
        _("Approved as a volunteer"),
        _("Welcome: you can start as a volunteer"),
    ),
    Kind(
        "vog_renewal",
        Audience.VOLUNTEER,
        _("VOG renewal"),
        _("Your VOG expires on %(expires_on)s"),
    ),
    Kind(
        "volunteer_check_in",
        Audience.VOLUNTEER,
        _("Monthly check-in"),
        _("How is it going?"),
    ),
    Kind(
        "pulse_volunteer",
        Audience.VOLUNTEER,
        _("Pulse: how is the match going"),
        _("How is it going?"),
        subject_when=(("exit", _("How did it go?")),),
    ),
    Kind(
        "volunteer_match_ended",
        Audience.VOLUNTEER,
        _("Your match ended"),
        _("Your match with a family has ended"),
    ),
    Kind(
        "moment_unconfirmed",
        Audience.VOLUNTEER,
        _("A support moment to confirm"),
        _("Did your moment on %(moment_on)s take place?"),
    ),
    # Parents (email only; they do not log in)
    Kind(
        "request_confirmation",
        Audience.PARENT,
        _("Request received"),
        _("We received your request %(reference_code)s"),
    ),
    Kind(
        "coordinator_will_call",
        Audience.PARENT,
        _("A coordinator will call"),
        _("A coordinator will call you soon"),
    ),
    Kind(
        "status_link",
        Audience.PARENT,
        _("Status link"),
        _("Follow your request %(reference_code)s"),
    ),
    Kind(
        "parent_trial_check_in",
        Audience.PARENT,
        _("Check-in after the trial period"),
        _("How is it going?"),
    ),
    Kind(
        "pulse_parent",
        Audience.PARENT,
        _("Pulse: how is the support going"),
        _("How is it going?"),
        subject_when=(("exit", _("How did it go?")),),
    ),
    Kind(
        "parent_match_ended",
        Audience.PARENT,
        _("The support by a volunteer ended"),
        _("The support by your volunteer has stopped"),
    ),
    Kind(
        "goal_rating_invitation",
        Audience.PARENT,
        _("Rate your goals"),
        _("How far are you with your goals? (%(reference_code)s)"),
    ),
    Kind(
        "questionnaire_invitation",
        Audience.PARENT,
        _("Questionnaire"),
        _("A few questions about how you are doing"),
    ),
    Kind(
        "questionnaire_reminder",
        Audience.PARENT,
        _("Questionnaire reminder"),
        _("Reminder: a few questions about how you are doing"),
    ),
    # Partner referrers
    Kind(
        "referral_support_started",
        Audience.PARTNER,
        _("Support started for your referral"),
        _("Support has started: %(reference_code)s"),
    ),
    Kind(
        "referral_support_ended",
        Audience.PARTNER,
        _("Support ended for your referral"),
        _("Support has ended: %(reference_code)s"),
    ),
]

KINDS: dict[str, Kind] = {kind.slug: kind for kind in _KINDS}

AUDIENCE_OF_ROLE = {
    "admin": Audience.STAFF,
    "coordinator": Audience.STAFF,
    "intake": Audience.STAFF,
    "volunteer": Audience.VOLUNTEER,
    "partner": Audience.PARTNER,
}


def kind_of(slug: str) -> Kind:
    """The registered kind; unknown kinds (from another branch) get a plain fallback."""
    return KINDS.get(slug) or Kind(slug, Audience.STAFF, _("Notification"), _("Notification"))


def kinds_for_role(role: str) -> list[Kind]:
    """The kinds a user of `role` may receive, for the preferences page."""
    audience = AUDIENCE_OF_ROLE.get(role)
    return [kind for kind in _KINDS if kind.audience == audience]
