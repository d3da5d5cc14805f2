"""Import (CSV or JSON upload, all or nothing) and export (CSV or JSON download)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from widenet.errors import ImportRejected, WidenetError
from widenet.services import transfer
from widenet.services.context import discard
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.render import page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

COUNTS = ("rows", "companies_created", "applications", "events", "companies", "contacts",
          "interviews")  # fmt: skip


@router.get("/transfer")
def transfer_page(request: Request) -> Response:
    imported = {key: request.query_params[key] for key in COUNTS if key in request.query_params}
    return page(request, "transfer.html", {"imported": imported, "rejected": None})


async def _upload(request: Request) -> tuple[str, bytes]:
    """The uploaded file's name and bytes (empty when none was chosen)."""
    found = (await request.form()).get("file")
    if not isinstance(found, UploadFile):
        return "", b""
    return found.filename or "", await found.read()


@router.post("/transfer/import")
def import_file(
    request: Request,
    store: StoreDep,
    moment: MomentDep,
    upload: Annotated[tuple[str, bytes], Depends(_upload)],
) -> Response:
    filename, data = upload
    try:
        counts = transfer.import_upload(store, moment, data, filename=filename)
    except WidenetError as exc:  # ImportRejected lists every bad row
        discard(store)
        rejected = {
            "message": exc.message,
            "problems": exc.problems if isinstance(exc, ImportRejected) else [],
            "hint": exc.hint,
        }
        context = {"imported": None, "rejected": rejected}
        return page(request, "transfer.html", context, status_code=exc.status)
    query = "&".join(f"{key}={value}" for key, value in counts.items() if key in COUNTS)
    return RedirectResponse(f"/transfer?{query}", status_code=303)


@router.get("/transfer/export.{fmt}")
def export(fmt: str, store: StoreDep, moment: MomentDep) -> Response:
    text = transfer.export_text(store, moment, fmt=fmt)
    media = "text/csv" if fmt == "csv" else "application/json"
    name = f"widenet-{moment.today.isoformat()}.{fmt}"
    return Response(
        text,
        media_type=f"{media}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
