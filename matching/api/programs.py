"""Programs in the API: the open ones for the public, all of them for staff."""

from rest_framework import permissions, serializers
from rest_framework.generics import ListAPIView

from matching.api.permissions import (
    StaffPermission,
)
from matching.models import Program
from matching.programs.selectors import programs_open


class SideOutput(serializers.Serializer):
    key = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()


class QuestionOutput(serializers.Serializer):
    key = serializers.CharField()
    sides = serializers.CharField()
    kind = serializers.CharField()
    label_sv = serializers.CharField()
    label_en = serializers.CharField()
    choices = serializers.JSONField()
    required = serializers.BooleanField()
    sensitive = serializers.BooleanField()


class ProgramOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    summary = serializers.CharField()
    status = serializers.CharField()
    per_session = serializers.BooleanField()
    commitment_text = serializers.CharField()
    consent_purpose = serializers.CharField()
    consent_recipients = serializers.CharField()
    retention_months = serializers.IntegerField()
    sides = SideOutput(many=True, source="sides.all")
    questions = QuestionOutput(many=True, source="questions.all")


class ProgramListApi(ListAPIView):
    """Programs open for registration, with their sides and questions."""

    permission_classes = [permissions.AllowAny]
    serializer_class = ProgramOutput

    def get_queryset(self):
        return programs_open().prefetch_related("questions")


class StaffProgramListApi(ListAPIView):
    """All programs of this tenant, whatever their status."""

    permission_classes = [StaffPermission]
    serializer_class = ProgramOutput

    def get_queryset(self):
        return Program.objects.prefetch_related("sides", "questions").order_by("name")
