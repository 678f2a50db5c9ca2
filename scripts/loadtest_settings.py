"""Settings of the load test only: production settings plus a bare view as the ceiling."""

from coalition.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.loadtest_urls"
