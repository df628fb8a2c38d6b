"""The OpenAPI description of /api/v1."""

from __future__ import annotations

from typing import Any

_JSON = {"application/json": {"schema": {"type": "object"}}}
_ERRORS = {
    "400": {"description": "Bad input: the message names the problem", "content": _JSON},
    "401": {"description": "Not logged in"},
    "404": {"description": "Unknown program or object"},
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "tracker API", "version": "1"},
    "paths": {
        "/api/v1/checklist": {
            "post": {
                "summary": "Eligibility, documents and notes for a set of facts",
                "parameters": [
                    {
                        "name": "program",
                        "in": "query",
                        "schema": {"type": "string", "default": "hk_dependant"},
                    },
                    {
                        "name": "lang",
                        "in": "query",
                        "schema": {"enum": ["en", "zh-Hant", "zh-Hans"]},
                    },
                ],
                "requestBody": {"required": True, "content": _JSON},
                "responses": {
                    "200": {"description": "The checklist document", "content": _JSON},
                    **_ERRORS,
                },
            }
        },
        "/api/v1/validate": {
            "post": {
                "summary": "Check one or several files as an upload would be checked",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "item": {"type": "string"},
                                    "program": {"type": "string"},
                                    "lang": {"type": "string"},
                                },
                                "required": ["file"],
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "One result, or an array for several files",
                        "content": _JSON,
                    },
                    **_ERRORS,
                },
            }
        },
    },
}
