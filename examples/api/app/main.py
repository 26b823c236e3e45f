"""A tiny FastAPI service: the container deployed by default.

Endpoints
---------
GET /        a small greeting that names the environment (``APP_ENV``).
GET /health  the health contract used by App Service health checks, swap warm-up
             and the release tool:

             200 {"status": "healthy", "version": "<APP_VERSION>"}
             200 {"status": "healthy", "version": "...", "database": "ok"}           (DATABASE_URL set)
             503 {"status": "unhealthy", "version": "...", "database": "unreachable"}
             503 {"status": "unhealthy", "version": "...", "database": "unresolved"} (Key Vault reference
                                                                                       not resolved)

The database URL and its credentials are never echoed, neither in responses nor in logs.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

logger = logging.getLogger("api.health")

#: Seconds to wait for a database connection before /health reports it unreachable. App Service
#: gives a health probe a few seconds; the probe must answer well within that.
DB_CONNECT_TIMEOUT_SECONDS = 3

#: What App Service leaves in a setting when it cannot resolve a Key Vault reference
#: (missing secret, missing "Key Vault Secrets User" role, identity not attached).
_UNRESOLVED_KEY_VAULT_REFERENCE = "@Microsoft.KeyVault("

def telemetry_client_id(authentication: str) -> str | None:
    """The managed identity's client id in ``Authorization=AAD;ClientId=<id>``, if any."""
    parts = dict(part.split("=", 1) for part in authentication.split(";") if "=" in part)
    return parts.get("ClientId") if parts.get("Authorization") == "AAD" else None


def configure_telemetry() -> None:
    """Send requests, dependencies and logs to this slot's App Insights component.

    The platform sets ``APPLICATIONINSIGHTS_CONNECTION_STRING`` per slot (sticky) and, because the
    components accept Entra ID authentication only, ``APPLICATIONINSIGHTS_AUTHENTICATION_STRING``
    naming the app's user-assigned identity. The rollback alerts read the ``requests`` this sends.
    Runs before the FastAPI app is created so that its requests are instrumented.
    """
    connection_string = os.environ.get("APPLICATIONINSIGHTS_CONNECTION_STRING")
    if not connection_string:
        return
    from azure.monitor.opentelemetry import configure_azure_monitor

    credential = None
    client_id = telemetry_client_id(os.environ.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", ""))
    if client_id:
        from azure.identity import ManagedIdentityCredential

        credential = ManagedIdentityCredential(client_id=client_id)
    configure_azure_monitor(connection_string=connection_string, credential=credential)


configure_telemetry()

app = FastAPI(title="api", docs_url=None, redoc_url=None, openapi_url=None)


def app_version() -> str:
    return os.environ.get("APP_VERSION") or "unknown"


def app_env() -> str:
    return os.environ.get("APP_ENV") or "unknown"


def check_database(url: str) -> None:
    """Open a connection and run ``SELECT 1``; raise on any failure.

    Imported lazily so the service starts (and /health works) without a database driver
    when no database is configured.
    """
    import psycopg

    with psycopg.connect(url, connect_timeout=DB_CONNECT_TIMEOUT_SECONDS) as conn:
        conn.execute("SELECT 1").fetchone()


@app.get("/")
def root() -> dict[str, str]:
    return {"message": "Hello from the api", "environment": app_env(), "version": app_version()}


# A plain `def` endpoint: FastAPI runs it in its thread pool, so a slow database connect
# does not block the event loop.
@app.get("/health")
def health() -> JSONResponse:
    body: dict[str, Any] = {"status": "healthy", "version": app_version()}
    status_code = 200

    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        if database_url.startswith(_UNRESOLVED_KEY_VAULT_REFERENCE):
            logger.error("DATABASE_URL is an unresolved Key Vault reference")
            body["database"] = "unresolved"
            status_code = 503
        else:
            try:
                check_database(database_url)
                body["database"] = "ok"
            except Exception as error:  # noqa: BLE001 - any failure means "unreachable"
                # Only the exception type: driver messages can carry host names or user names.
                logger.error("database check failed: %s", type(error).__name__)
                body["database"] = "unreachable"
                status_code = 503

    if status_code != 200:
        body["status"] = "unhealthy"
    return JSONResponse(body, status_code=status_code, headers={"Cache-Control": "no-store"})
