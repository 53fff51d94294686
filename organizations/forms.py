"""Forms of the self-service pages: they check input and show errors; services do the writes."""

import contextlib

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Community
from ngo_portal.text import normalize_number, without_unstorable

from .credit_code import normalize_credit_code, validate_credit_code
from .models import Organization, OrganizationDocument, OrganizationMembership
from .region_fields import add_place_fields, clean_place
from .rules import FUNDING_FIELDS, organization_rule_errors
from .selectors import LikelyDuplicates, organization_likely_duplicates
from .services import MAX_DOCUMENT_BYTES, PROFILE_FIELDS
from .services.documents import CONTENT_TYPES
from .vocabularies import BeneficiaryGroup, ServiceArea

# Counts and shares where an empty box means none: no need to type 0 into each.
ZERO_WHEN_EMPTY = (*FUNDING_FIELDS, "staff_full_time", "staff_part_time", "volunteers")
EMPTY_CHOICE = ("", "---------")

# Typed as readily in full width as in half width: read as half width (ngo_portal/text.py).
NARROWED_FIELDS = (
    *("credit_code", "registration_date", "mca_grade_expires", "founded_year"),
    *("staff_full_time", "staff_part_time", "volunteers", "annual_budget_cny", *FUNDING_FIELDS),
    *("contact_phone", "contact_email", "website"),
)

# (id, legend, fields): the form page shows one <fieldset> each.
FIELDSETS = [
    (
        "identity",
        _("Identity and registration"),
        [
            "name_zh",
            "name_en",
            "legal_form",
            "credit_code",
            "registration_authority",
            "supervising_unit",
            "registration_date",
            "mca_grade",
            "mca_grade_expires",
        ],
    ),
    ("location", _("Location"), ["province", "area_type", "address"]),
    (
        "work",
        _("Work"),
        ["service_areas", "beneficiary_groups", "founded_year", "growth_stage", "description"],
    ),
    (
        "people",
        _("People and budget"),
        ["staff_full_time", "staff_part_time", "volunteers", "annual_budget_cny"],
    ),
    # xgettext:no-python-format
    ("funding", _("Funding sources (% of income)"), list(FUNDING_FIELDS)),
    ("contact", _("Contact"), ["contact_name", "contact_phone", "contact_email", "website"]),
    ("visibility", _("Visibility"), ["is_public"]),
]


def narrowed(data, names):
    """The submitted data with these fields' values in half width (a copy: QueryDicts are
    read-only)."""
    data = data.copy()
    for name in names:
        if name in data and isinstance(data[name], str):
            data[name] = normalize_number(data[name])
    return data


def _accept_typed_credit_code(field) -> None:
    """Room for a code typed with spaces or hyphens between its groups; clean_credit_code
    drops them and checks the 18 characters."""
    field.max_length = 40
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.widget.attrs["maxlength"] = "40"


def community_choices(region_id) -> list:
    try:
        region_id = int(region_id)
    except (TypeError, ValueError):
        return [EMPTY_CHOICE]
    communities = Community.objects.filter(region_id=region_id).order_by("name_zh")
    return [EMPTY_CHOICE, *((c.pk, c.display_name) for c in communities)]


class ServiceErrorsMixin:
    """Views add a service's ValidationError to the form (`form.add_error(None, error)`); an
    error about a field the form does not show (a derived column, a model rule) goes to the
    top of the form instead of failing the request."""

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            shown = {
                name: errors for name, errors in error.error_dict.items() if name in self.fields
            }
            other = [
                e for name, errors in error.error_dict.items() if name not in shown for e in errors
            ]
            if shown:
                super().add_error(None, forms.ValidationError(shown))
            if other:
                super().add_error(None, other)
            return
        super().add_error(field, error)


class OrganizationForm(ServiceErrorsMixin, forms.ModelForm):
    """The profile, for registering (with the duplicate check) and editing.

    The region is chosen through province, city and county selects (region_fields.py); the
    community select lists the communities of the chosen county. htmx refreshes them after each
    change, the "update" button without JavaScript.
    """

    required_css_class = "required"

    service_areas = forms.MultipleChoiceField(
        label=_("Service areas"),
        choices=ServiceArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    beneficiary_groups = forms.MultipleChoiceField(
        label=_("Beneficiary groups"),
        choices=BeneficiaryGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    confirm_different = forms.BooleanField(
        label=_("This is a different organization"),
        required=False,
        help_text=_("Tick this once you have checked the similar organizations listed above."),
    )

    class Meta:
        model = Organization
        fields = PROFILE_FIELDS
        widgets = {
            "registration_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "mca_grade_expires": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "credit_code": forms.TextInput(
                attrs={"autocapitalize": "characters", "spellcheck": "false"}
            ),
        }

    def __init__(self, *args, duplicate_check: bool = False, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate_check = duplicate_check
        self.user = user or AnonymousUser()
        self.duplicates = LikelyDuplicates([], 0)
        if self.is_bound:
            self.data = narrowed(self.data, NARROWED_FIELDS)
        _accept_typed_credit_code(self.fields["credit_code"])
        if not duplicate_check:
            del self.fields["confirm_different"]
        for name in FUNDING_FIELDS:
            self.fields[name].validators.append(MaxValueValidator(100))
            self.fields[name].widget.attrs.update(min=0, max=100)
        for name in ZERO_WHEN_EMPTY:
            self.fields[name].required = False
        del self.fields["region"]  # chosen through the place selects; set by clean()
        self.place = add_place_fields(self)
        self.fields["community"].queryset = Community.objects.all()
        self.fields["community"].choices = lambda: community_choices(
            self.place.region.pk if self.place.region else None
        )

    @classmethod
    def initial_from(cls, data) -> dict:
        """Typed values as initial data: re-shows a form (new community list) without errors."""
        multiple = ("service_areas", "beneficiary_groups")
        return {name: data.getlist(name) if name in multiple else data.get(name) for name in data}

    def fieldsets(self):
        return [(key, legend, [self[name] for name in names]) for key, legend, names in FIELDSETS]

    @property
    def funding_errors(self):
        errors = self.errors.as_data().get(NON_FIELD_ERRORS, [])
        return [message for error in errors if error.code == "funding_mix" for message in error]

    @property
    def other_form_errors(self):
        errors = self.errors.as_data().get(NON_FIELD_ERRORS, [])
        return [message for error in errors if error.code != "funding_mix" for message in error]

    def funding_total(self) -> int:
        total = 0
        for name in FUNDING_FIELDS:
            with contextlib.suppress(TypeError, ValueError):
                total += int(self[name].value() or 0)
        return total

    def clean_name_zh(self):
        return self.cleaned_data["name_zh"].strip()

    def clean_name_en(self):
        return self.cleaned_data["name_en"].strip()

    def clean_credit_code(self):
        code = normalize_credit_code(self.cleaned_data.get("credit_code"))
        if code:
            validate_credit_code(code)
        return code or None

    def clean(self):
        cleaned = super().clean()
        cleaned["region"] = clean_place(self, self.place)
        for name, value in cleaned.items():
            # NUL is refused at its field (Django's validator); other control characters, pasted
            # from documents or terminals, are dropped: no page, export or search wants them.
            if isinstance(value, str):
                cleaned[name] = without_unstorable(value)
        for name in ZERO_WHEN_EMPTY:
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = 0
        errors = organization_rule_errors(cleaned, pk=self.instance.pk)
        for field, field_errors in errors.items():
            if field in self.errors or (field == "community" and self.place.missing_level()):
                continue
            if field == NON_FIELD_ERRORS and any(name in self.errors for name in FUNDING_FIELDS):
                continue
            self.add_error(None if field == NON_FIELD_ERRORS else field, field_errors)
        if self.duplicate_check and cleaned.get("name_zh"):
            self._check_duplicates(cleaned)
        return cleaned

    def _check_duplicates(self, cleaned):
        self.duplicates = organization_likely_duplicates(
            user=self.user, name_zh=cleaned["name_zh"], name_en=cleaned.get("name_en", "")
        )
        if not self.duplicates or cleaned.get("confirm_different"):
            return
        if self.duplicates.visible:
            message = _(
                "Organizations with a similar name are already registered. If yours is not one "
                "of them, tick this box and save again."
            )
        else:
            message = _(
                "An organization with a similar name is already registered. If it is not "
                "yours, tick this box and save again."
            )
        self.add_error(
            "confirm_different", forms.ValidationError(message, code="possible_duplicate")
        )

    def add_error(self, field, error):
        # The region has no select of its own: its errors show at the county select.
        if field == "region":
            field = "county"
        elif field is None and "region" in getattr(error, "error_dict", {}):
            error.error_dict.setdefault("county", []).extend(error.error_dict.pop("region"))
        super().add_error(field, error)

    def _post_clean(self):
        """Model validation runs in the service, whose errors the view adds to this form;
        running it here as well would report the same rule twice in blunter words."""

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class MembershipInviteForm(ServiceErrorsMixin, forms.Form):
    # 254: the longest address the invitation's column (and SMTP) takes.
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=pgettext_lazy("organization membership", "Role"),
        choices=OrganizationMembership.Role.choices,
    )
    # Each language by its own name, as the language switch shows them.
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        help_text=_("Someone who already has an account gets it in the language they chose."),
        required=False,
    )

    def __init__(self, *args, allow_owner: bool = False, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = narrowed(self.data, ["email"])
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["role"].initial = OrganizationMembership.Role.MEMBER
        self.fields["language"].initial = language
        if not allow_owner:
            self.fields["role"].choices = [
                choice
                for choice in OrganizationMembership.Role.choices
                if choice[0] != OrganizationMembership.Role.OWNER
            ]

    def clean_language(self) -> str | None:
        """A form posted without a choice: the language of the page."""
        return self.cleaned_data["language"] or self.fields["language"].initial


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=pgettext_lazy("organization membership", "Role"),
        choices=OrganizationMembership.Role.choices,
    )


class InvitationResponseForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class DocumentUploadForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=OrganizationDocument.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in CONTENT_TYPES)}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Interpolated here, in the request's language, not once at import.
        self.fields["file"].help_text = _("PDF, JPEG, PNG, DOCX or XLSX, up to %(limit)d MB.") % {
            "limit": MAX_DOCUMENT_BYTES // (1024 * 1024)
        }
