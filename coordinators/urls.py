from django.urls import path

from coordinators.views import (
    agenda,
    call_backs,
    cases,
    documents,
    duplicates,
    goals,
    lists,
    match_care,
    matches,
    moments,
    privacy,
    public,
    questionnaires,
    reports,
    requests,
    today,
    volunteers,
)
from coordinators.views.notifications import (
    notification_list,
    notification_preferences,
    notification_read,
    notification_resolve_view,
)

app_name = "coordinators"

urlpatterns = [
    path("", public.home, name="home"),
    path("over/", public.about, name="about"),
    path("start/", public.after_login, name="after_login"),
    path("dashboard/", today.dashboard, name="dashboard"),
    # Requests
    path("dashboard/verzoeken/", lists.request_list, name="request_list"),
    path("dashboard/verzoeken/<int:pk>/", requests.request_detail, name="request_detail"),
    path(
        "dashboard/verzoeken/<int:pk>/intake-plannen/",
        requests.request_plan_intake,
        name="request_plan_intake",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/intake/",
        requests.request_record_intake,
        name="request_record_intake",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/programma/",
        requests.request_choose_programme,
        name="request_choose_programme",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/wachtlijst/",
        requests.request_mark_waiting,
        name="request_mark_waiting",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/doorverwijzen/",
        requests.request_refer,
        name="request_refer",
    ),
    path("dashboard/verzoeken/<int:pk>/afsluiten/", requests.request_end, name="request_end"),
    path(
        "dashboard/verzoeken/<int:pk>/terugbellen/",
        call_backs.request_complete_call_back,
        name="request_complete_call_back",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/toestemming/",
        requests.request_renew_consent,
        name="request_renew_consent",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/statuslink/",
        requests.request_reissue_status_link,
        name="request_reissue_status_link",
    ),
    path("dashboard/verzoeken/<int:pk>/notitie/", requests.request_note, name="request_note"),
    path("dashboard/verzoeken/<int:pk>/doelen/", goals.request_goals, name="request_goals"),
    path(
        "dashboard/verzoeken/<int:pk>/doelen/opslaan/",
        goals.request_goals_set,
        name="request_goals_set",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/doelen/scores/",
        goals.request_goals_rate,
        name="request_goals_rate",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/doelen/netwerk/",
        goals.request_network_map,
        name="request_network_map",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/doelen/uitnodigen/",
        goals.request_goals_invite,
        name="request_goals_invite",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/doelen/toestemming/",
        goals.request_goals_consent,
        name="request_goals_consent",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/voorstellen/",
        requests.request_propose,
        name="request_propose",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/vragenlijsten/",
        questionnaires.request_questionnaires_page,
        name="request_questionnaires",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/vragenlijsten/starten/",
        questionnaires.request_questionnaire_start,
        name="request_questionnaire_start",
    ),
    path(
        "dashboard/vragenlijsten/<int:pk>/",
        questionnaires.administration_enter,
        name="administration_enter",
    ),
    path("dashboard/intakes/", agenda.intake_agenda, name="intake_agenda"),
    path(
        "dashboard/intakes/<int:pk>/intake.ics",
        agenda.intake_calendar,
        name="intake_calendar",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/verantwoordelijke/",
        cases.request_assign,
        name="request_assign_owner",
    ),
    path("dashboard/doorverwijzingen/", today.referrals, name="referrals"),
    path(
        "dashboard/doorverwijzingen/<int:pk>/afgehandeld/",
        cases.referral_handled,
        name="referral_handled",
    ),
    path(
        "dashboard/doorverwijzingen/<int:pk>/",
        today.referral_decide,
        name="referral_decide",
    ),
    # Families
    path("dashboard/gezinnen/", lists.family_list, name="family_list"),
    path("dashboard/gezinnen/<int:pk>/", lists.family_detail, name="family_detail"),
    path("dashboard/gezinnen/<int:pk>/notitie/", lists.family_note, name="family_note"),
    path(
        "dashboard/gezinnen/<int:pk>/delen-in-coalitie/",
        duplicates.family_share_consent,
        name="family_share_consent",
    ),
    # Possible duplicate families
    path("dashboard/dubbele-gezinnen/", duplicates.duplicate_list, name="duplicate_list"),
    path(
        "dashboard/dubbele-gezinnen/<int:pk>/samenvoegen/",
        duplicates.duplicate_merge,
        name="duplicate_merge",
    ),
    path(
        "dashboard/dubbele-gezinnen/<int:pk>/niet-dezelfde/",
        duplicates.duplicate_not_same,
        name="duplicate_not_same",
    ),
    path(
        "dashboard/samenvoegingen/<int:pk>/ongedaan-maken/",
        duplicates.merge_undo,
        name="merge_undo",
    ),
    # Matches
    path("dashboard/koppelingen/", lists.match_list, name="match_list"),
    path("dashboard/koppelingen/<int:pk>/", matches.match_detail, name="match_detail"),
    path("dashboard/koppelingen/<int:pk>/stap/", matches.match_step, name="match_step"),
    path("dashboard/koppelingen/<int:pk>/beeindigen/", matches.match_end, name="match_end"),
    path("dashboard/koppelingen/<int:pk>/heropenen/", matches.match_reopen, name="match_reopen"),
    path(
        "dashboard/koppelingen/<int:pk>/evaluatie/<int:followup_pk>/",
        matches.followup_record,
        name="followup_record",
    ),
    path(
        "dashboard/koppelingen/<int:pk>/evaluatie/<int:followup_pk>/verzetten/",
        matches.followup_reschedule_view,
        name="followup_reschedule",
    ),
    path("dashboard/koppelingen/<int:pk>/notitie/", matches.match_note, name="match_note"),
    path(
        "dashboard/koppelingen/<int:pk>/verwachting/",
        match_care.match_expectation,
        name="match_expectation",
    ),
    path(
        "dashboard/koppelingen/<int:pk>/afsluiting/", match_care.match_closure, name="match_closure"
    ),
    path(
        "dashboard/koppelingen/<int:pk>/puls/<int:pulse_pk>/sms/",
        match_care.pulse_text,
        name="pulse_text",
    ),
    path(
        "dashboard/koppelingen/<int:pk>/verantwoordelijke/",
        cases.match_assign,
        name="match_assign_owner",
    ),
    # Support moments
    path("dashboard/momenten/", moments.moment_calendar, name="moment_calendar"),
    path(
        "dashboard/koppelingen/<int:pk>/momenten/",
        moments.match_moment_plan,
        name="match_moment_plan",
    ),
    path(
        "dashboard/koppelingen/<int:pk>/momenten/<int:moment_pk>/",
        moments.match_moment_correct,
        name="match_moment_correct",
    ),
    # Volunteers
    path("dashboard/vrijwilligers/", lists.volunteer_list, name="volunteer_list"),
    path(
        "dashboard/vrijwilligers/pijplijn/",
        volunteers.volunteer_pipeline,
        name="volunteer_pipeline",
    ),
    path("dashboard/vrijwilligers/<int:pk>/", volunteers.volunteer_detail, name="volunteer_detail"),
    path(
        "dashboard/vrijwilligers/<int:pk>/status/",
        volunteers.volunteer_status,
        name="volunteer_status",
    ),
    path(
        "dashboard/vrijwilligers/<int:pk>/screening/",
        volunteers.volunteer_screening,
        name="volunteer_screening",
    ),
    path(
        "dashboard/vrijwilligers/<int:pk>/screening/<int:step_pk>/document/",
        volunteers.screening_document,
        name="screening_document",
    ),
    path(
        "dashboard/vrijwilligers/<int:pk>/vrijstelling/",
        volunteers.volunteer_exempt,
        name="volunteer_exempt",
    ),
    path(
        "dashboard/vrijwilligers/<int:pk>/aanmelding/<int:application_pk>/",
        volunteers.application_decide_view,
        name="volunteer_application_decide",
    ),
    path(
        "dashboard/vrijwilligers/<int:pk>/notitie/",
        volunteers.volunteer_note,
        name="volunteer_note",
    ),
    # Documents kept with a family, request, match or volunteer
    path(
        "dashboard/gezinnen/<int:pk>/documenten/",
        documents.family_document_upload,
        name="family_document_upload",
    ),
    path(
        "dashboard/verzoeken/<int:pk>/documenten/",
        documents.request_document_upload,
        name="request_document_upload",
    ),
    path(
        "dashboard/koppelingen/<int:pk>/documenten/",
        documents.match_document_upload,
        name="match_document_upload",
    ),
    path(
        "dashboard/vrijwilligers/<int:pk>/documenten/",
        documents.volunteer_document_upload,
        name="volunteer_document_upload",
    ),
    path(
        "dashboard/documenten/<int:pk>/nieuwe-versie/",
        documents.document_version_upload,
        name="document_version_upload",
    ),
    path(
        "dashboard/documenten/<int:pk>/versie-<int:number>/",
        documents.document_download,
        name="document_download",
    ),
    # Reports
    path("dashboard/rapportages/", reports.report_overview, name="reports"),
    path("dashboard/rapportages/<slug:slug>.csv", reports.report_csv, name="report_csv"),
]

# Notifications (everyone who logs in)
urlpatterns += [
    path("meldingen/", notification_list, name="notifications"),
    path("meldingen/gelezen/", notification_read, name="notifications_read"),
    path(
        "meldingen/voorkeuren/",
        notification_preferences,
        name="notification_preferences",
    ),
    path(
        "meldingen/<int:pk>/afhandelen/",
        notification_resolve_view,
        name="notification_resolve",
    ),
]

# Subject access export and erasure on request. Their names are `privacy:*`, shared
# with the public statements of the privacy room: coalition/urls.py puts both lists
# in that one namespace.
privacy_urlpatterns = [
    path("privacy/gezinnen/<int:pk>/inzage/", privacy.family_export, name="family_export"),
    path("privacy/gezinnen/<int:pk>/wissen/", privacy.family_erase_view, name="family_erase"),
    path(
        "privacy/vrijwilligers/<int:pk>/inzage/",
        privacy.volunteer_export,
        name="volunteer_export",
    ),
    path(
        "privacy/vrijwilligers/<int:pk>/wissen/",
        privacy.volunteer_erase_view,
        name="volunteer_erase",
    ),
]
