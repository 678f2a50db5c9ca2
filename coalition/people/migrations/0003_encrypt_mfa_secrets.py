"""Encrypt the TOTP secrets and recovery-code seeds stored in plain text before
issue 14 (allauth now stores them through coalition.people.adapters.MFAAdapter).
A value that is already encrypted with a configured key is left alone, so the
migration can run twice; the reverse decrypts."""

from django.db import migrations

# The secret values in allauth's Authenticator.data, per type.
SECRET_KEYS = {"totp": ("secret",), "recovery_codes": ("seed",)}


def _convert(data: dict, keys, convert) -> dict:
    data = dict(data)
    for key in keys:
        if isinstance(data.get(key), str):
            data[key] = convert(data[key])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
    return data


def encrypt_secrets(apps, schema_editor):
    from coalition.people.mfa_secrets import is_encrypted, mfa_encrypt

    Authenticator = apps.get_model("mfa", "Authenticator")
    for row in Authenticator.objects.filter(type__in=list(SECRET_KEYS)):
        data = _convert(
            row.data,
            SECRET_KEYS[row.type],
            lambda value: value if is_encrypted(value) else mfa_encrypt(value),
        )
        if data != row.data:
            row.data = data
            row.save(update_fields=["data"])


def decrypt_secrets(apps, schema_editor):
    from coalition.people.mfa_secrets import is_encrypted, mfa_decrypt

    Authenticator = apps.get_model("mfa", "Authenticator")
    for row in Authenticator.objects.filter(type__in=list(SECRET_KEYS)):
        row.data = _convert(
            row.data,
            SECRET_KEYS[row.type],
            lambda value: mfa_decrypt(value) if is_encrypted(value) else value,
        )
        row.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_audit_event_append_only"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets, elidable=False)]
