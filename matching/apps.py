from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # The partner's and the volunteer's pages (families, volunteers) show matches,
        # which sit above them: matching tells them how to read those.
        from families.selectors import register_support_history
        from families.services.requests import (
            register_programme_move_check,
            register_request_ending,
        )
        from matching.case import request_ending_ends_matches, volunteer_status_follows
        from matching.selectors import matches_for_volunteer, support_spells
        from matching.services import request_refuse_move_with_open_match
        from volunteers.selectors import register_volunteer_matches
        from volunteers.services import register_volunteer_status_hook

        register_support_history(support_spells)
        register_volunteer_matches(matches_for_volunteer)
        register_programme_move_check(request_refuse_move_with_open_match)
        # A case over its whole life: see matching/case.py.
        register_request_ending(request_ending_ends_matches)
        register_volunteer_status_hook(volunteer_status_follows)
