"""An application's life on the applicant's side: drafts, budget, attachments, submit, withdraw,
and the exchange with staff when they ask for more information."""

import posixpath
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.permissions import organization_role
from organizations.services.documents import CONTENT_TYPES, document_file_errors

from ..models import ApplicationAttachment, BudgetLine, GrantApplication, InformationRequest
from ..notifications import INFORMATION_REQUESTED
from ..permissions import (
    can_edit_application,
    can_manage_application,
    can_withdraw_application,
    is_applicant,
)
from ..rules import completeness_refusals, eligibility_refusals
from ..selectors import application_recipients
from .outbox import notify

DRAFT_FIELDS = (
    "title",
    "summary",
    "objectives",
    "beneficiaries",
    "region",
    "starts_on",
    "ends_on",
)


def _round_open_or_refuse(funding_round) -> None:
    if not funding_round.is_open_on(timezone.localdate()):
        raise ValidationError(
            _("This round is not open for applications (%(opens)s to %(closes)s).")
            % {"opens": funding_round.opens_on, "closes": funding_round.closes_on},
            code="closed",
        )


@transaction.atomic
def application_save_draft(
    *,
    funding_round,
    organization,
    by,
    data: dict,
    budget_lines: list[dict] | None = None,
    application: GrantApplication | None = None,
    answer: str | None = None,
) -> GrantApplication:
    """Save what the member has typed so far, creating the draft on the first save.

    `data` holds any of DRAFT_FIELDS; `budget_lines` ([{category, amount, justification}]), when
    given, replaces the lines. `answer`, when given while staff wait for more information, is
    kept as the draft of the answer (sent with the resubmission). Nothing is required yet:
    completeness is checked at submission.
    Raises PermissionDenied (not a member, not editable), ValidationError (round closed).
    """
    if application is None:
        if organization_role(by, organization) is None:
            raise PermissionDenied
        _round_open_or_refuse(funding_round)
        application = GrantApplication(
            round=funding_round, organization=organization, created_by=by
        )
    else:
        application = GrantApplication.objects.select_for_update().get(pk=application.pk)
        if not can_edit_application(by, application):
            raise PermissionDenied
        if application.status == GrantApplication.Status.DRAFT:
            _round_open_or_refuse(funding_round)
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two saves of a new draft at once (autosaves overlapping on a slow line): the other
        # one created it a moment ago, and this one is saved onto it.
        existing = (
            None
            if application.pk
            else GrantApplication.objects.filter(round=funding_round, organization=organization)
            .exclude(status=GrantApplication.Status.WITHDRAWN)
            .first()
        )
        if existing is None or not can_edit_application(by, existing):
            raise ValidationError(
                _("Your organization already has an application to this round."),
                code="duplicate",
            ) from None
        return application_save_draft(
            funding_round=funding_round,
            organization=organization,
            by=by,
            data=data,
            budget_lines=budget_lines,
            application=existing,
            answer=answer,
        )
    if budget_lines is not None:
        _budget_lines_replace(application, budget_lines)
    if answer is not None and application.status == GrantApplication.Status.MORE_INFORMATION:
        application.information_requests.filter(answered_at__isnull=True).update(answer=answer)
    return application


def _budget_lines_replace(application, lines: list[dict]) -> None:
    application.budget_lines.all().delete()
    rows = []
    for order, data in enumerate(lines):
        line = BudgetLine(application=application, order=order, **data)
        line.full_clean(exclude=["application"])
        rows.append(line)
    BudgetLine.objects.bulk_create(rows)
    application.requested_total = sum((line.amount for line in rows), Decimal(0))
    application.save(update_fields=["requested_total", "updated_at"])


def submission_refusals(application) -> list:
    """Everything that stops the application from being submitted now, each with its reason."""
    lines = list(application.budget_lines.all())
    total = sum((line.amount for line in lines), Decimal(0))
    refusals = completeness_refusals(application, total, len(lines))
    return refusals + eligibility_refusals(application.round, application.organization)


@transaction.atomic
def application_submit(*, application: GrantApplication, by, answer: str = "") -> GrantApplication:
    """Submit a draft, or resubmit after staff asked for more information (`answer` then
    required, and kept with the question).

    Raises PermissionDenied, and ValidationError with one message per refusal (code = the rule).
    """
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    if not can_edit_application(by, application):
        raise PermissionDenied
    was_draft = application.status == GrantApplication.Status.DRAFT
    if was_draft:
        _round_open_or_refuse(application.round)
    refusals = submission_refusals(application)
    open_request = application.information_requests.filter(answered_at__isnull=True).first()
    if open_request is not None and not answer.strip():
        raise ValidationError(_("Please answer the question from staff."), code="answer")
    if refusals:
        raise ValidationError([ValidationError(r.reason, code=r.rule) for r in refusals])
    now = timezone.now()
    if open_request is not None:
        open_request.answer, open_request.answered_by = answer.strip(), by
        open_request.answered_at = now
        open_request.save(update_fields=["answer", "answered_by", "answered_at"])
    application.status = GrantApplication.Status.SUBMITTED
    application.submitted_at = application.submitted_at or now
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    return application


@transaction.atomic
def application_withdraw(*, application: GrantApplication, by) -> GrantApplication:
    """Withdraw a draft or an application under review. Raises PermissionDenied (not a member
    of the applicant), ValidationError (code "done": withdrawn or decided already)."""
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    if not is_applicant(by, application):
        raise PermissionDenied
    if not can_withdraw_application(by, application):
        raise ValidationError(
            _("This application can no longer be withdrawn (%(status)s): nothing was changed.")
            % {"status": application.get_status_display()},
            code="done",
        )
    application.status = GrantApplication.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    return application


@transaction.atomic
def information_request(*, application: GrantApplication, by, question: str) -> InformationRequest:
    """Staff ask for more information: the application reopens for editing with the question
    shown, and the applicant is e-mailed. Raises PermissionDenied, ValidationError."""
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    if not can_manage_application(by, application):
        raise PermissionDenied
    if application.status != GrantApplication.Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted application can be asked for more information."), code="done"
        )
    if not question.strip():
        raise ValidationError({"question": _("Please write the question.")})
    request = InformationRequest(application=application, question=question.strip(), asked_by=by)
    request.full_clean()
    request.save()
    application.status = GrantApplication.Status.MORE_INFORMATION
    application.save(update_fields=["status", "updated_at"])
    for email, user in application_recipients(application):
        notify(kind=INFORMATION_REQUESTED, email=email, user=user, obj=request)
    return request


@transaction.atomic
def attachment_add(
    *, application: GrantApplication, by, title: str, upload
) -> ApplicationAttachment:
    """Store an attachment through the storage API, after the checks of an organization's
    documents (extension, the file's first bytes, size: organizations.services.documents); the
    content type stored is the checked one, never the browser's claim.
    Raises PermissionDenied, ValidationError."""
    if not can_edit_application(by, application):
        raise PermissionDenied
    errors = document_file_errors(upload)
    if errors:
        raise ValidationError({"file": errors})
    name = posixpath.basename(upload.name)
    attachment = ApplicationAttachment(
        application=application,
        title=title.strip() or name,
        file=upload,
        original_name=name[:255],
        content_type=CONTENT_TYPES[posixpath.splitext(name)[1].lstrip(".").lower()],
        size=upload.size,
        uploaded_by=by,
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ApplicationAttachment, by) -> None:
    if not can_edit_application(by, attachment.application):
        raise PermissionDenied
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
