"""The API reference at /api/docs, drawn from the OpenAPI document on the server: no
JavaScript and nothing fetched from a CDN (the OpenAPI JSON is at /api/openapi.json)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from widenet.web.render import page

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "patch", "put", "delete")


def type_of(schema: dict[str, Any]) -> str:
    """A JSON Schema as a short type name: ``string (date) | null``, ``list of Company``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(type_of(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(repr(value) for value in schema["enum"])
    if schema.get("type") == "array":
        return f"list of {type_of(schema.get('items', {}))}"
    if "const" in schema:
        return repr(schema["const"])
    name = str(schema.get("type", "any"))
    return f"{name} ({schema['format']})" if "format" in schema else name


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "tag": (operation.get("tags") or ["other"])[0],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": type_of(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": type_of(body["schema"]) if body else "",
                    "responses": sorted(operation.get("responses", {}).items()),
                }
            )
    return found


def _schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    schemas = spec.get("components", {}).get("schemas", {})
    return [
        {
            "name": name,
            "description": schema.get("description", ""),
            "fields": [
                {
                    "name": field,
                    "type": type_of(definition),
                    "required": field in schema.get("required", []),
                    "description": definition.get("description", ""),
                }
                for field, definition in schema.get("properties", {}).items()
            ],
        }
        for name, schema in sorted(schemas.items())
        if name not in ("HTTPValidationError", "ValidationError")
    ]


@router.get("/api/docs")
@router.get("/api")
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    operations = _operations(spec)
    tags = list(dict.fromkeys(operation["tag"] for operation in operations))
    context = {
        "spec": spec,
        "tags": tags,
        "operations": operations,
        "schemas": _schemas(spec),
        "base": str(request.base_url).rstrip("/") + "/api/v1",
    }
    return page(request, "api_docs.html", context)
