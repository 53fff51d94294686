"""Forms of the trainings pages: they check input and show errors; services do the writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubation.selectors import cohort_choices
from ngo_portal.models import Center, CenterMembership, Region
from ngo_portal.permissions import center_roles
from ngo_portal.text import normalize_number
from organizations.credit_code import normalize_credit_code
from organizations.forms import ServiceErrorsMixin
from organizations.models import Organization
from organizations.permissions import organization_roles
from organizations.vocabularies import LegalForm

from .filters import province_choices, topic_choices
from .models import (
    ActionPlan,
    CascadeTraining,
    Evaluation,
    Registration,
    Trainer,
    TrainingProgram,
    TrainingSession,
)
from .rules import session_rule_errors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_PARTICIPANTS = 10
MAX_ORGANIZATION_LINES = 200


def staff_centers(user):
    if user.is_superuser:
        return Center.objects.order_by("name")
    ids = [c for c, role in center_roles(user).items() if role in CenterMembership.STAFF_ROLES]
    return Center.objects.filter(pk__in=ids).order_by("name")


def region_choices() -> list:
    """Provinces and their cities, grouped by province (a session's place)."""
    rows = Region.objects.filter(level__in=[Region.Level.PROVINCE, Region.Level.CITY]).order_by(
        "code"
    )
    groups: dict[str, list] = {}
    names = {}
    for region in rows:
        province = region.code[:2]
        if region.level == Region.Level.PROVINCE:
            names[province] = region.display_name
        groups.setdefault(province, []).append((region.pk, region.display_name))
    return [("", "---------")] + [(names.get(p, p), items) for p, items in groups.items()]


def find_organization(text: str) -> Organization | None:
    """An organization by its unified social credit code or its exact Chinese name."""
    text = text.strip()
    if not text:
        return None
    code = normalize_credit_code(text)
    return Organization.objects.filter(Q(credit_code=code) | Q(name_zh=text)).order_by("pk").first()


class ProgramForm(forms.ModelForm):
    required_css_class = "required"

    class Meta:
        model = TrainingProgram
        fields = [
            "center",
            "title",
            "title_zh",
            "description",
            "description_zh",
            "planned_sessions",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = staff_centers(user)


class SessionForm(ServiceErrorsMixin, forms.ModelForm):
    required_css_class = "required"
    region = forms.TypedChoiceField(label=_("Province or city"), coerce=int, choices=())
    host = forms.CharField(
        label=_("Host organization"),
        required=False,
        help_text=_("Its unified social credit code or its exact Chinese name."),
    )
    eligible_provinces = forms.MultipleChoiceField(
        label=_("Eligible provinces"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for organizations from every province."),
    )
    eligible_legal_forms = forms.MultipleChoiceField(
        label=_("Eligible legal forms"),
        required=False,
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every legal form."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = TrainingSession
        fields = [
            *("center", "program", "number", "title", "title_zh", "description", "description_zh"),
            *("venue", "starts_on", "ends_on", "capacity", "per_organization_cap"),
            *("registration_opens", "registration_closes", "cancellation_deadline"),
            *("requires_approval", "eligible_cohort", "trainers", "speakers"),
            *("certificate_min_days", "follow_up_months", "status"),
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "registration_opens": DATETIME,
            "registration_closes": DATETIME,
            "cancellation_deadline": DATETIME,
            "trainers": forms.CheckboxSelectMultiple,
            "speakers": forms.CheckboxSelectMultiple,
        }

    field_order = [
        *("center", "program", "number", "title", "title_zh", "description", "description_zh"),
        *("region", "venue", "host", "starts_on", "ends_on", "capacity", "per_organization_cap"),
        *("registration_opens", "registration_closes", "cancellation_deadline"),
        *("requires_approval", "eligible_provinces", "eligible_legal_forms", "eligible_cohort"),
        *("topics", "trainers", "speakers", "certificate_min_days", "follow_up_months", "status"),
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centers = staff_centers(user)
        self.fields["center"].queryset = centers
        self.fields["program"].queryset = TrainingProgram.objects.filter(center__in=centers)
        self.fields["eligible_cohort"].queryset = cohort_choices()
        self.fields["trainers"].queryset = self.fields["speakers"].queryset = Trainer.objects.all()
        self.fields["region"].choices = region_choices()
        self.fields["eligible_provinces"].choices = province_choices()
        self.fields["topics"].choices = topic_choices()
        if not self.fields["topics"].choices:
            del self.fields["topics"]  # no capacity framework yet: nothing to choose from
        instance = self.instance
        if instance.pk:
            self.initial.setdefault("region", instance.region_id)
            if instance.host_organization_id:
                host = instance.host_organization
                self.initial.setdefault("host", host.credit_code or host.name_zh)

    def clean_host(self):
        text = self.cleaned_data["host"]
        if not text.strip():
            return None
        organization = find_organization(text)
        if organization is None:
            raise ValidationError(_("No organization has this credit code or name."))
        return organization

    def clean(self):
        data = super().clean()
        session = self.instance
        for name in ("eligible_provinces", "eligible_legal_forms", "topics"):
            setattr(session, name, data.get(name) or [])
        if data.get("region"):
            session.region = Region.objects.filter(pk=data["region"]).first()
        session.host_organization = data.get("host")
        return data

    def _post_clean(self):
        # The rules read the whole session: run them once the typed values are on it.
        super()._post_clean()
        rule_errors = session_rule_errors(self.instance)
        if rule_errors:
            self._drop_constraint_names()
        for name, messages in rule_errors.items():
            for message in messages:
                field = name if name in self.fields else None
                if field is None or field in self.cleaned_data:
                    self.add_error(field, message)

    def _drop_constraint_names(self) -> None:
        """The model's check constraints say "Constraint “session_dates_ordered” is
        violated."; the rules say the same in words at the field: keep those."""
        named = {
            str(constraint.get_violation_error_message())
            for constraint in TrainingSession._meta.constraints
        }
        errors = self._errors.get(forms.forms.NON_FIELD_ERRORS)
        if errors:
            kept = [message for message in errors if message not in named]
            if kept:
                self._errors[forms.forms.NON_FIELD_ERRORS] = self.error_class(
                    kept, error_class="nonfield"
                )
            else:
                del self._errors[forms.forms.NON_FIELD_ERRORS]


class NarrowEmailField(forms.EmailField):
    """An address typed in full width (ｗａｎｇ＠ｅｘａｍｐｌｅ．ｏｒｇ) is read in half width."""

    def to_python(self, value):
        return super().to_python(normalize_number(value))


class NarrowCharField(forms.CharField):
    """A phone number typed in full width (１３８…) is stored in half width."""

    def to_python(self, value):
        return super().to_python(normalize_number(value))


class ParticipantForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    # A text box, not type="email": the browser would refuse a full-width address in its own
    # language before the server can read it; the server's error is in the page's language.
    email = NarrowEmailField(
        label=_("E-mail address"),
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )
    phone = NarrowCharField(label=_("Phone"), max_length=40, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Registration.Gender.choices, initial="undisclosed"
    )
    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=Registration._meta.get_field("language").choices,
        initial="zh-hans",
    )


class BaseParticipantFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        emails = [f.cleaned_data["email"].lower() for f in self.forms if f.cleaned_data]
        if not emails:
            raise ValidationError(_("Add at least one participant."))
        if len(emails) != len(set(emails)):
            raise ValidationError(_("Each participant needs their own e-mail address."))


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=3,
    max_num=MAX_PARTICIPANTS,
    validate_max=True,
)


class RegistrationOrganizationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Organization.objects.filter(pk__in=list(organization_roles(user))).order_by(
            "name_zh"
        )
        self.fields["organization"].queryset = mine
        if len(mine) == 1:
            self.fields["organization"].initial = mine[0].pk


class MoveForm(forms.Form):
    to_session = forms.ModelChoiceField(label=_("Move to"), queryset=TrainingSession.objects.none())

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_session"].queryset = (
            TrainingSession.objects.filter(
                center=session.center,
                status=TrainingSession.Status.PUBLISHED,
                starts_on__gte=timezone.localdate(),
            )
            .exclude(pk=session.pk)
            .order_by("starts_on")
        )


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["overall", "content", "trainer", "most_useful", "suggestions"]
        widgets = {
            name: forms.RadioSelect(choices=RATING_CHOICES)
            for name in ("overall", "content", "trainer")
        }
        help_texts = {
            name: _("1 = poor, 5 = excellent") for name in ("overall", "content", "trainer")
        }


class FollowUpResponseForm(forms.Form):
    progress = forms.CharField(label=_("What you did with what you learned"), widget=forms.Textarea)
    shared_with = forms.IntegerField(
        label=_("People you passed it on to"), min_value=0, initial=0, required=False
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = list(plans)
        for plan in self.plans:
            self.fields[f"plan_{plan.pk}_status"] = forms.ChoiceField(
                label=_("State of the plan: %(goal)s") % {"goal": plan.goal[:80]},
                choices=ActionPlan.Status.choices,
                initial=plan.status,
            )
            self.fields[f"plan_{plan.pk}_note"] = forms.CharField(
                label=_("Progress on the plan: %(goal)s") % {"goal": plan.goal[:80]},
                required=False,
                initial=plan.progress_note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def plan_updates(self) -> dict:
        data = self.cleaned_data
        return {
            plan.pk: (data[f"plan_{plan.pk}_status"], data.get(f"plan_{plan.pk}_note", ""))
            for plan in self.plans
        }


class ActionPlanForm(ServiceErrorsMixin, forms.ModelForm):
    required_css_class = "required"

    class Meta:
        model = ActionPlan
        fields = ["organization", "kind", "registration", "goal", "owner", "due_on"]
        widgets = {"due_on": DATE, "goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, session, user, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED)
        if not staff:
            confirmed = confirmed.filter(organization_id__in=list(organization_roles(user)))
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=confirmed.values("organization_id")
        ).order_by("name_zh")
        self.fields["registration"].queryset = confirmed.order_by("name")
        self.fields["registration"].label = _("Participant (for an individual plan)")
        self.instance.session = session

    def clean(self):
        data = super().clean()
        if data.get("kind") == ActionPlan.Kind.INDIVIDUAL and not data.get("registration"):
            self.add_error("registration", _("An individual plan belongs to one participant."))
        return data


class CascadeTrainingForm(ServiceErrorsMixin, forms.ModelForm):
    required_css_class = "required"
    reached = forms.CharField(
        label=_("Local organizations trained"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: its unified social credit code or its exact Chinese name."),
    )

    class Meta:
        model = CascadeTraining
        fields = ["organization", "parent", "held_on", "place", "people_trained"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, session, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = list(organization_roles(user))
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=mine).order_by(
            "name_zh"
        )
        self.fields["parent"].queryset = CascadeTraining.objects.filter(
            session=session, organizations_reached__in=mine
        ).distinct()
        self.fields["parent"].required = False
        self.fields["parent"].help_text = _(
            "If your organization was trained at a cascade training, not at the session itself."
        )
        self.instance.session = session

    def clean_reached(self):
        lines = [line.strip() for line in self.cleaned_data["reached"].splitlines() if line.strip()]
        if len(lines) > MAX_ORGANIZATION_LINES:
            raise ValidationError(
                _("At most %(count)s organizations at a time.") % {"count": MAX_ORGANIZATION_LINES}
            )
        found, unknown = {}, []
        for line in lines:
            organization = find_organization(line)
            if organization is None:
                unknown.append(line)
            else:
                found[organization.pk] = organization
        if unknown:
            raise ValidationError(
                _("Not found on the portal: %(names)s") % {"names": ", ".join(unknown)}
            )
        return list(found.values())
