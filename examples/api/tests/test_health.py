"""Tests of the health contract. Run from examples/api:

    python -m venv .venv && . .venv/bin/activate
    pip install -r requirements-dev.txt
    pytest
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app import main

SECRET_URL = "postgresql://app_user:s3cr3t-passw0rd@127.0.0.1:1/appdb?sslmode=disable"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    for name in ("APP_VERSION", "APP_ENV", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return TestClient(main.app)


def test_health_without_database_is_healthy(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_VERSION", "1.2.3")

    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "version": "1.2.3"}
    assert response.headers["cache-control"] == "no-store"


def test_health_version_falls_back_to_unknown(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json()["version"] == "unknown"


def test_health_reports_reachable_database(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    monkeypatch.setenv("DATABASE_URL", SECRET_URL)
    monkeypatch.setattr(main, "check_database", checked.append)

    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "version": "unknown", "database": "ok"}
    assert checked == [SECRET_URL]


def test_health_is_503_when_database_check_fails(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_check(url: str) -> None:
        raise RuntimeError(f"could not connect to {url}")

    monkeypatch.setenv("DATABASE_URL", SECRET_URL)
    monkeypatch.setattr(main, "check_database", failing_check)

    response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "version": "unknown", "database": "unreachable"}
    assert "s3cr3t" not in response.text
    assert "app_user" not in response.text


def test_health_with_real_driver_and_unreachable_database(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Port 1 on loopback refuses the connection at once: exercises the real psycopg path.
    monkeypatch.setenv("DATABASE_URL", SECRET_URL)

    response = client.get("/health")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert "s3cr3t" not in response.text
    assert "s3cr3t" not in caplog.text


def test_health_is_503_for_unresolved_key_vault_reference(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "DATABASE_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/database-url)"
    )
    monkeypatch.setattr(main, "check_database", lambda url: pytest.fail("must not try to connect"))

    response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "version": "unknown", "database": "unresolved"}


def test_root_greets_with_environment(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "staging")

    response = client.get("/")

    assert response.status_code == 200
    assert response.json()["environment"] == "staging"


def test_openapi_docs_are_not_exposed(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404


def test_telemetry_client_id_comes_from_the_authentication_string() -> None:
    assert main.telemetry_client_id("Authorization=AAD;ClientId=0000-1111") == "0000-1111"
    assert main.telemetry_client_id("Authorization=Key") is None
    assert main.telemetry_client_id("") is None
