"""A candidate's reasons in words: "same phone, name 92 % alike, same PC4, child born 03-2019"."""

from __future__ import annotations

from django.utils.translation import gettext as _


def reason_text(reason: dict) -> str:
    code = reason.get("code")
    if code == "phone":
        return _("same phone")
    if code == "email":
        return _("same email address")
    if code == "name":
        if reason.get("percent", 0) >= 100:
            return _("same name")
        return _("name %(percent)s %% alike") % {"percent": reason.get("percent", 0)}
    if code == "pc4":
        return _("same PC4")
    if code == "child":
        return _("child born %(month)s") % {"month": reason.get("month", "")}
    return str(code)


def reasons_text(reasons: list[dict]) -> str:
    return ", ".join(reason_text(reason) for reason in reasons)
