"""An organization's documents: upload and list, and downloads streamed after a permission check.

Files are never linked by their media URL: every download passes through Django, so a document
is only ever served to the organization's members and center staff.
"""

import posixpath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view

from .. import services
from ..forms import DocumentUploadForm
from ..models import Organization, OrganizationDocument
from ..permissions import can_upload_document, can_view_documents, can_view_organization_details


@object_view(Organization, visible=can_view_organization_details, allowed=can_view_documents)
def document_list(request, organization):
    may_upload = can_upload_document(request.user, organization)
    if request.method == "POST" and not may_upload:
        raise PermissionDenied
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                organization=organization, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("organizations:document_list", organization.pk)
    documents = organization.documents.select_related("uploaded_by")
    context = {
        "organization": organization,
        "documents": documents,
        "form": form if may_upload else None,
    }
    return render(request, "organizations/document_list.html", context)


@object_view(Organization, visible=can_view_organization_details, allowed=can_view_documents)
def document_download(request, organization, doc_pk):
    document = get_object_or_404(OrganizationDocument, pk=doc_pk, organization=organization)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        # Django writes a non-ASCII name as RFC 5987 `filename*=utf-8''...`.
        filename=document.original_name or posixpath.basename(document.file.name),
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
