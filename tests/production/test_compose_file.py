"""docker-compose.yml is checked offline: there is no Docker engine here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


@pytest.fixture(scope="module")
def services() -> dict:
    return YAML(typ="safe").load(COMPOSE.read_text())["services"]


@pytest.fixture
def project_dir(tmp_path) -> Path:
    """A copy with `.env` made from `.env.example`, as an operator would."""
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    return tmp_path


def test_docker_compose_accepts_the_file(project_dir):
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "install it: apt-get install -y docker-compose"

    result = subprocess.run(
        [docker_compose, "-f", "docker-compose.yml", "config", "-q"],
        cwd=project_dir,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr


def test_the_file_follows_the_compose_specification():
    check_jsonschema = Path(sys.executable).parent / "check-jsonschema"

    result = subprocess.run(
        [check_jsonschema, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_stack_has_web_worker_beat_postgres_and_redis(services):
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    assert services["postgres"]["image"] == "postgres:15"


def test_web_worker_and_beat_run_the_same_image_with_their_own_role(services):
    roles = {
        name: services[name]["environment"]["COALITION_ROLE"] for name in ("web", "worker", "beat")
    }

    assert roles == {"web": "web", "worker": "worker", "beat": "beat"}
    assert {services[name]["image"] for name in roles} == {"coalition:latest"}
    assert all(services[name]["env_file"] == ".env" for name in roles)


def test_beat_runs_exactly_once(services):
    assert services["beat"]["deploy"]["replicas"] == 1
    assert services["beat"]["command"][:3] == ["celery", "--app=coalition", "beat"]


def test_every_service_restarts_by_itself(services):
    assert {name: s["restart"] for name, s in services.items()} == dict.fromkeys(
        services, "unless-stopped"
    )


def test_web_postgres_and_redis_have_health_checks(services):
    assert services["web"]["healthcheck"]["test"] == [
        "CMD",
        "python",
        "/app/docker/healthcheck.py",
    ]
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_the_app_waits_for_a_healthy_database_and_broker(services):
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }


def test_the_broker_never_evicts_a_task_and_survives_a_restart(services):
    command = " ".join(services["redis"]["command"])

    assert "--maxmemory-policy noeviction" in command
    assert "--appendonly yes" in command


def test_database_broker_and_uploads_live_in_named_volumes():
    compose = YAML(typ="safe").load(COMPOSE.read_text())
    services = compose["services"]

    assert set(compose["volumes"]) == {"postgres-data", "redis-data", "media"}
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redis-data:/data" in services["redis"]["volumes"]
    assert "media:/var/lib/coalition/media" in services["web"]["volumes"]


def test_gunicorn_listens_on_loopback_of_the_host_only(services):
    assert services["web"]["ports"] == ["127.0.0.1:${WEB_PORT:-8000}:8000"]


def test_the_database_container_gets_its_own_variables_not_the_apps_secrets(services):
    postgres = services["postgres"]

    assert "env_file" not in postgres
    assert set(postgres["environment"]) == {
        "POSTGRES_DB",
        "POSTGRES_USER",
        "POSTGRES_PASSWORD",
        "POSTGRES_OWNER_PASSWORD",
        "POSTGRES_APP_PASSWORD",
        "POSTGRES_INITDB_ARGS",
    }


def test_docker_compose_refuses_to_start_without_a_database_password(project_dir):
    env_file = project_dir / ".env"
    env_file.write_text(
        "\n".join(
            line
            for line in env_file.read_text().splitlines()
            if not line.startswith("POSTGRES_PASSWORD=")
        )
    )

    result = subprocess.run(
        [
            shutil.which("docker-compose") or "docker-compose",
            "-f",
            "docker-compose.yml",
            "config",
            "-q",
        ],
        cwd=project_dir,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in result.stderr
