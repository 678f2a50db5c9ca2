from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF = str(ROOT / "docker" / "gunicorn.conf.py")


def test_gunicorn_writes_no_access_log(monkeypatch):
    monkeypatch.delenv("LOG_FORMAT", raising=False)

    assert runpy.run_path(CONF)["accesslog"] is None


def test_with_json_logs_gunicorn_logs_json_but_still_no_access_lines(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "json")
    config = runpy.run_path(CONF)["logconfig_dict"]

    assert config["formatters"]["json"] == {"()": "coalition.logging.JsonFormatter"}
    assert config["loggers"]["gunicorn.access"]["handlers"] == []
    assert config["loggers"]["gunicorn.access"]["propagate"] is False
