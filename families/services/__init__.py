"""Writes about families and their requests, by topic; import them from here."""

from families.services.api_clients import NewApiClient, api_client_create, api_client_revoke
from families.services.consents import (
    consent_renew,
    request_check_consent_holds,
    request_consent,
)
from families.services.coordination import (
    programme_referral_decide,
    programme_referral_mark_handled,
    request_confirm_intake,
    request_end,
    request_mark_waiting,
    request_plan_intake,
    request_refer_to_programme,
)
from families.services.front_door import (
    SubmittedRequest,
    referral_create,
    request_issue_status_link,
    request_revoke_status_link,
    request_submit,
    request_update_contact,
    request_withdraw_by_parent,
    status_url,
)
from families.services.goals import (
    goal_rating_invite_for_intake,
    goal_rating_round_open,
    goal_ratings_record,
    goal_round_answer_by_parent,
    goals_set,
    network_map_record,
    ratings_consent_set,
)
from families.services.owners import request_assign_owner
from families.services.questionnaires import (
    administration_save_answers,
    administration_start,
)
from families.services.referral_events import REFERRAL_EVENTS, referral_notify_support_change
from families.services.requests import (
    can_route_from_queue,
    children_outside_age_range,
    family_set_postcode,
    request_change_status,
    request_check_not_on_offer,
    request_choose_programme,
)
from families.services.status_link import (
    request_reissue_status_link,
    status_link_recipient,
)
from families.services.webhook_endpoints import (
    webhook_endpoint_register,
    webhook_endpoint_remove,
    webhook_endpoint_rotate_secret,
)

__all__ = [
    "REFERRAL_EVENTS",
    "NewApiClient",
    "SubmittedRequest",
    "administration_save_answers",
    "administration_start",
    "api_client_create",
    "api_client_revoke",
    "can_route_from_queue",
    "children_outside_age_range",
    "consent_renew",
    "family_set_postcode",
    "goal_rating_invite_for_intake",
    "goal_rating_round_open",
    "goal_ratings_record",
    "goal_round_answer_by_parent",
    "goals_set",
    "network_map_record",
    "programme_referral_decide",
    "programme_referral_mark_handled",
    "ratings_consent_set",
    "referral_create",
    "referral_notify_support_change",
    "request_assign_owner",
    "request_change_status",
    "request_check_consent_holds",
    "request_check_not_on_offer",
    "request_choose_programme",
    "request_confirm_intake",
    "request_consent",
    "request_end",
    "request_issue_status_link",
    "request_mark_waiting",
    "request_plan_intake",
    "request_refer_to_programme",
    "request_reissue_status_link",
    "request_revoke_status_link",
    "request_submit",
    "request_update_contact",
    "request_withdraw_by_parent",
    "status_link_recipient",
    "status_url",
    "webhook_endpoint_register",
    "webhook_endpoint_remove",
    "webhook_endpoint_rotate_secret",
]
