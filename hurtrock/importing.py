"""Guards around django-import-export for every admin that imports (README "Hardening → Imports").

- Formats: CSV and XLSX only; an HTML or other format is not offered (nor accepted by index).
- The uploaded file waits for the confirmation step in the cache (`ImportCacheStorage`, Redis in
  production), so the confirm request may reach any app process; the temporary folder of one
  process is never used.
- A stale, altered or unknown `import_file_name` (or format) on the confirmation step answers a
  clear message and sends staff back to the import page, instead of a 500.
- Rows: at most IMPORT_MAX_ROWS per file (refused with a form error), and above IMPORT_SYNC_MAX_ROWS
  the file is checked and imported by a background task (`hurtrock.tasks.import_run`), with a
  progress page, instead of holding one request for minutes.
- An export whose filters do not fit the model answers 400, not 500.
"""

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.cache import cache
from django.core.exceptions import BadRequest, FieldError, PermissionDenied, ValidationError
from django.db import DataError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from import_export.tmp_storages import CacheStorage

STORAGE_NAME = re.compile(r"^[0-9a-f]{32}$")
JOB_KEY = "hurtrock-import-job-"
JOB_LIFETIME = 6 * 3600


class ImportCacheStorage(CacheStorage):
    """The import file between the preview and the confirmation, in the shared cache for an hour."""

    CACHE_LIFETIME = 3600

    def save(self, data):
        if not self.name:
            self.name = uuid.uuid4().hex
        super().save(data)

    def exists(self) -> bool:
        return bool(self.name and STORAGE_NAME.match(self.name) and self.read() is not None)


class CappedImportForm(ImportForm):
    """The import form, refusing a file that is too large, unreadable or has too many rows."""

    import_formats: list = []

    def clean(self):
        cleaned = super().clean()
        import_file, format_index = cleaned.get("import_file"), cleaned.get("format")
        if import_file is None or format_index in (None, ""):
            return cleaned
        if import_file.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; an import file can be at most %(limit)s."),
                code="import_too_large",
                params={"size": filesizeformat(import_file.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
        dataset = read_dataset(self.import_formats[int(format_index)], import_file.read())
        import_file.seek(0)
        if dataset is None:
            raise ValidationError(
                _("This file could not be read as the chosen format. Choose CSV or XLSX as it was saved."),
                code="import_unreadable",
            )
        self.row_count = len(dataset)
        if self.row_count > settings.IMPORT_MAX_ROWS:
            raise ValidationError(
                _("This file has %(rows)s rows; import at most %(limit)s rows at a time (split the file)."),
                code="import_too_many_rows",
                params={"rows": self.row_count, "limit": settings.IMPORT_MAX_ROWS},
            )
        return cleaned


def read_dataset(format_class, data):
    input_format = format_class(encoding="utf-8-sig")
    if not input_format.is_binary() and isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    try:
        return input_format.create_dataset(data)
    except Exception:  # noqa: BLE001 — tablib/openpyxl raise many kinds for a file that is not theirs
        return None


def import_job_get(job_id: str) -> dict | None:
    return cache.get(JOB_KEY + job_id) if STORAGE_NAME.match(job_id or "") else None


def import_job_set(job_id: str, **values) -> None:
    job = cache.get(JOB_KEY + job_id) or {}
    job.update(values)
    cache.set(JOB_KEY + job_id, job, JOB_LIFETIME)


class HardenedImportExportMixin:
    """Mix into an ImportExportModelAdmin before it (``class X(HardenedImportExportMixin, ImportExportModelAdmin)``)."""

    formats = [CSV, XLSX]
    import_form_class = CappedImportForm
    tmp_storage_class = ImportCacheStorage
    from_encoding = "utf-8-sig"

    # --- the first step: refuse early, hand large files to the task --------------------------------
    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.import_formats = self.get_import_formats()
        return form

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid() and getattr(form, "row_count", 0) > settings.IMPORT_SYNC_MAX_ROWS:
                return self._import_in_background(request, form)
        return super().import_action(request, **kwargs)

    def _import_in_background(self, request, form):
        from hurtrock.tasks import import_run

        format_index = int(form.cleaned_data["format"])
        storage = self.write_to_tmp_storage(form.cleaned_data["import_file"], self.get_import_formats()[format_index]())
        job_id = uuid.uuid4().hex
        import_job_set(job_id, state="queued", rows=form.row_count, done=0, user_id=request.user.pk, errors=[])
        opts = self.model._meta
        transaction.on_commit(
            lambda: import_run.enqueue(
                job_id=job_id,
                admin=f"{opts.app_label}.{opts.model_name}",
                storage_name=storage.name,
                format_index=format_index,
                user_id=request.user.pk,
            )
        )
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import_progress", args=[job_id]))

    def import_progress(self, request, job_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = import_job_get(job_id)
        if job is None or job.get("user_id") != request.user.pk:
            messages.error(request, _("That import is unknown or has expired. Start the import again."))
            return HttpResponseRedirect(self._import_url())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import progress"),
            "opts": self.model._meta,
            "job": job,
            "percent": (100 * job.get("done", 0) // job["rows"]) if job.get("rows") else 0,
            "finished": job.get("state") in ("done", "failed"),
        }
        return render(request, "admin/import_progress.html", context)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/progress/<str:job_id>/",
                self.admin_site.admin_view(self.import_progress),
                name=f"{opts.app_label}_{opts.model_name}_import_progress",
            )
        ] + super().get_urls()

    # --- the confirmation step: a stale or altered file name is a message, not a 500 ---------------
    def _import_url(self):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_import")

    def process_import(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            confirm_form = self.create_confirm_form(request)
            if confirm_form.is_valid() and not self._confirmation_usable(confirm_form):
                messages.error(
                    request,
                    _("The uploaded file has expired or was changed. Choose the file again to restart the import."),
                )
                return HttpResponseRedirect(self._import_url())
        return super().process_import(request, **kwargs)

    def _confirmation_usable(self, confirm_form) -> bool:
        try:
            format_index = int(confirm_form.cleaned_data["format"])
        except (TypeError, ValueError):
            return False
        if not 0 <= format_index < len(self.get_import_formats()):
            return False
        return ImportCacheStorage(name=confirm_form.cleaned_data["import_file_name"]).exists()

    # --- export: filters that do not fit the model are the client's mistake ------------------------
    def get_export_queryset(self, request):
        try:
            queryset = super().get_export_queryset(request)
            queryset.exists()
        except (IncorrectLookupParameters, FieldError, ValidationError, ValueError, TypeError, DataError) as error:
            raise BadRequest(str(error)[:200])
        return queryset


MAX_REPORTED_ERRORS = 20


def _result_errors(result) -> list[str]:
    errors = [str(error.error)[:300] for error in result.base_errors]
    for number, row_errors in result.row_errors():
        errors += [_("Row %(number)s: %(error)s") % {"number": number, "error": str(e.error)[:300]} for e in row_errors]
    for row in result.invalid_rows:
        for field, messages_ in row.error_dict.items():
            errors.append(
                _("Row %(number)s: %(field)s: %(error)s")
                % {"number": row.number, "field": field, "error": " ".join(messages_)[:300]}
            )
    return errors[:MAX_REPORTED_ERRORS]


def import_job_run(*, job_id: str, model_admin, storage_name: str, format_index: int, user) -> None:
    """Check the whole file (dry run), then import it in one transaction; progress in the cache."""
    storage = ImportCacheStorage(name=storage_name)
    data = storage.read()
    dataset = None if data is None else read_dataset(model_admin.get_import_formats()[format_index], data)
    if dataset is None:
        import_job_set(job_id, state="failed", errors=[_("The uploaded file has expired. Start the import again.")])
        return
    base = model_admin.get_import_resource_classes(None)[0]

    class ProgressResource(base):
        def after_import_row(self, row, row_result, **kwargs):
            super().after_import_row(row, row_result, **kwargs)
            self._rows_seen = getattr(self, "_rows_seen", 0) + 1
            if self._rows_seen % 100 == 0:
                import_job_set(job_id, done=self._rows_seen)

    try:
        import_job_set(job_id, state="checking", done=0)
        checked = ProgressResource().import_data(dataset, dry_run=True, raise_errors=False, user=user)
        if checked.has_errors() or checked.has_validation_errors():
            import_job_set(job_id, state="failed", errors=_result_errors(checked))
            return
        import_job_set(job_id, state="importing", done=0)
        result = ProgressResource().import_data(dataset, dry_run=False, raise_errors=False, user=user)
        if result.has_errors() or result.has_validation_errors():
            import_job_set(job_id, state="failed", errors=_result_errors(result))
            return
        import_job_set(job_id, state="done", done=len(dataset), totals=dict(result.totals))
    finally:
        storage.remove()
