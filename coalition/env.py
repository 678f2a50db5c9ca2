"""Typed readers for environment variables.

Every setting is read through one of these, so a malformed value stops the
process at start-up with a message that names the variable, instead of
surfacing later as an obscure error deep inside a request.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_keys(name: str, default: str, *, required: bool, not_equal: str) -> list[str]:
    """Comma-separated secret keys of at least 32 characters; `required`: the
    development default is refused (production)."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        if required:
            raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
        return [default]
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    if any(len(key) < 32 or key == not_equal for key in keys):
        raise ImproperlyConfigured(
            f"{name} must be at least 32 characters (comma-separated to rotate), "
            "and not the SECRET_KEY."
        )
    return keys


def env_url(name: str, default: str, *, schemes: tuple[str, ...]) -> str:
    raw = os.environ.get(name, default).strip()
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a valid URL: it must start with one of "
            + ", ".join(f"{s}://" for s in schemes)
            + "."
        )
    return raw


def filesystem_broker_options(folder: Path) -> dict:
    """kombu's filesystem transport (the no-server broker of `make run`): one folder
    for both directions, created on start."""
    (folder / "processed").mkdir(parents=True, exist_ok=True)
    (folder / "control").mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(folder / "processed"),
        "store_processed": False,
        # Without it kombu writes its exchange table into the working directory.
        "control_folder": str(folder / "control"),
    }
