"""The programs in the Wagtail admin: the viewset, with the admin form that checks a
program's rules as a whole bound here, and creating a program from a template."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from config.errors import ApplicationError
from matching.models import Program
from matching.programs.admin_forms import ProgramAdminForm
from matching.programs.services import program_create_from_template
from matching.programs.templates import TEMPLATES
from matching.programs.translations import (
    languages_translated,
    message_templates_missing,
    program_translation_rows,
    program_translation_status,
    program_translations_save,
)


class ProgramIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program_templates"] = [
            (key, data["name"]) for key, data in TEMPLATES.items()
        ]
        context["translation_status"] = [
            (program, program_translation_status(program))
            for program in context["object_list"]
        ]
        return context


class ProgramViewSet(ModelViewSet):
    model = Program
    index_view_class = ProgramIndexView
    index_template_name = "matching/admin/program_index.html"
    icon = "list-ul"
    menu_label = gettext_lazy("Programs")
    list_display = ["name", "slug", "status", "per_session", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name", "summary"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(Program.panels, base_form_class=ProgramAdminForm)


@require_POST
@permission_required("matching.add_program")
def program_from_template_view(request):
    key = request.POST.get("template", "")
    try:
        program = program_create_from_template(template_key=key)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(reverse("programs:index"))
    messages.success(
        request,
        _("{name} was created as a draft. Review it and open it.").format(
            name=program.name
        ),
    )
    return redirect(reverse("programs:edit", args=[program.pk]))


@permission_required("matching.change_program")
def program_translations_view(request, program_id: int, language: str):
    """A coordinator enters a program's texts in one language beside the Swedish,
    and sees what is still missing."""
    program = get_object_or_404(
        Program.objects.prefetch_related("sides", "questions", "message_templates"),
        pk=program_id,
    )
    if language not in dict(languages_translated()):
        raise Http404
    status = 200
    if request.method == "POST":
        values = {
            key: value
            for key, value in request.POST.items()
            if key.split(".")[0] in ("program", "side", "question", "choice")
        }
        try:
            program_translations_save(program=program, language=language, values=values)
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(request, _("The translations were saved."))
            return redirect(
                reverse("matching_program_translations", args=[program.pk, language])
            )
    rows = program_translation_rows(program, language)
    if status == 400:  # show what they typed, not what is stored
        for row in rows:
            row.value = request.POST.get(row.key, row.value)
    return TemplateResponse(
        request,
        "matching/admin/program_translations.html",
        {
            "program": program,
            "language": language,
            "language_name": dict(languages_translated())[language],
            "languages": languages_translated(),
            "rows": rows,
            "missing": sum(row.missing for row in rows),
            "messages_missing": message_templates_missing(program, language),
        },
        status=status,
    )


def program_admin_urls() -> list:
    return [
        path(
            "matchning/program/<int:program_id>/oversattningar/<str:language>/",
            program_translations_view,
            name="matching_program_translations",
        ),
        path(
            "matchning/program/fran-mall/",
            program_from_template_view,
            name="matching_program_from_template",
        ),
    ]
