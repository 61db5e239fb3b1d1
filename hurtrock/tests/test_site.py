"""Site-wide behaviour: health check, money format, error pages, languages, production checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from hurtrock.templatetags.rupiah import format_rupiah

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(1250000, "Rp 1.250.000"), (0, "Rp 0"), (999, "Rp 999"), (15_000_000_000, "Rp 15.000.000.000"), ("x", "")],
)
def test_rupiah_format(amount, shown):
    assert format_rupiah(amount) == shown


@pytest.mark.django_db
def test_healthz_reports_database_and_channel_layer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_channel_layer_is_down(client):
    broken = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]}}
    }
    from channels.layers import channel_layers

    with override_settings(CHANNEL_LAYERS=broken):
        channel_layers.backends.clear()
        response = client.get("/healthz")
    channel_layers.backends.clear()

    assert response.status_code == 503
    assert response.json()["channel_layer"] == "error"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_api_errors_are_json_and_pages_are_html(client):
    api = client.get("/api/does-not-exist/")
    page = client.get("/does-not-exist/")

    assert api.status_code == 404 and api.json()["status"] == 404
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


@pytest.mark.django_db
def test_language_switch_renders_english(client):
    indonesian = client.get("/", headers={"accept-language": "id"}).content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/").content.decode()

    assert 'lang="id"' in indonesian and "Jelajahi toko" in indonesian
    assert 'lang="en"' in english and "Browse the shop" in english


@pytest.mark.django_db
def test_pages_carry_a_csp_with_a_nonce(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def _manage(*args, **env):
    skip = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full_env = {k: v for k, v in os.environ.items() if k not in skip}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-for-this-test-0123456789-abcdefghijkl",
        ALLOWED_HOSTS="shop.example.com",
        PAYMENTS_ENCRYPTION_KEYS="x8wQ2dV3nYb9Vh0m0b0G1yqk7m2xS0b3x9T6cJwq0Dk=",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="shop.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_server_error_page_hides_details(client, settings):
    from django.test import RequestFactory

    from hurtrock.errors import server_error

    response = server_error(RequestFactory().get("/boom/"))

    assert response.status_code == 500
    assert b"Traceback" not in response.content
