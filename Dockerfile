# syntax=docker/dockerfile:1
# One image for every process of the platform: web (gunicorn), worker
# (celery worker) and beat (celery beat). docker-compose.yml picks the role.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=coalition.settings \
    VAR_DIR=/var/lib/coalition \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/var/lib/coalition/media

# gettext: compilemessages for the translations in locale/.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, from pyproject.toml only, so that a change in the code
# does not reinstall them (the project itself installs no package).
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Static files are built into the image with the production storage
# (hashed, compressed names): DEBUG off and a throw-away key that exists only
# during the build (and an MFA key, never used for a secret). The real SECRET_KEY and
# MFA_ENCRYPTION_KEY come from the environment at run time.
RUN DEBUG=0 SECRET_KEY=build-only-not-a-secret MFA_ENCRYPTION_KEY=build-only-not-an-mfa-key-0123456789 VAR_DIR=/tmp/build-var \
        python manage.py collectstatic --noinput \
    && if [ -d locale ]; then \
        DEBUG=0 SECRET_KEY=build-only-not-a-secret MFA_ENCRYPTION_KEY=build-only-not-an-mfa-key-0123456789 VAR_DIR=/tmp/build-var \
        python manage.py compilemessages --ignore=.venv; \
    fi \
    && rm -rf /tmp/build-var \
    && mkdir -p /var/lib/coalition/media \
    && chown -R app:app /var/lib/coalition \
    && chmod 0755 docker/entrypoint.sh

USER app

EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "coalition.wsgi:application", "--config", "/app/docker/gunicorn.conf.py"]
