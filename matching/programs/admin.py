"""The programs in the Wagtail admin: the viewset, with the admin form that checks a
program's rules as a whole bound here, and creating a program from a template."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
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


class ProgramIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program_templates"] = [
            (key, data["name"]) for key, data in TEMPLATES.items()
        ]
        return context


class ProgramViewSet(ModelViewSet):
    model = Program
    index_view_class = ProgramIndexView
    index_template_name = "matching/admin/program_index.html"
    icon = "list-ul"
    menu_label = "Program"
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
        request, f"{program.name} skapades som utkast. Granska och öppna det."
    )
    return redirect(reverse("programs:edit", args=[program.pk]))


def program_admin_urls() -> list:
    return [
        path(
            "matchning/program/fran-mall/",
            program_from_template_view,
            name="matching_program_from_template",
        ),
    ]
