"""The matching API: public registration; staff endpoints for programs, people, runs."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from config.client_address import client_address
from config.request_urls import base_url
from matching.models import AccessLogEntry, Participant, Program
from matching.participants.access_log import participant_access_log
from matching.participants.registration import registration_submit
from matching.participants.selectors import participant_list, queue_position
from matching.participants.status import (
    participant_mark_unavailable,
    participant_return_to_queue,
)
from matching.programs.selectors import programs_open


class StaffPermission(permissions.DjangoModelPermissions):
    """Staff of this tenant with the model permission; GET needs view_ too."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
    }


class StaffChangePermission(StaffPermission):
    """For actions that change an existing row by POST."""

    perms_map = {
        **StaffPermission.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }


class CoordinatorPermission(permissions.BasePermission):
    """Coordinators: reading needs view_participant, changing change_participant."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return user.has_perm("matching.view_participant")
        return user.has_perm("matching.change_participant")


class RegistrationThrottle(AnonRateThrottle):
    """Per client address and tenant (cache keys carry the schema)."""

    def get_rate(self):
        return settings.REGISTRATION_THROTTLE_RATE or None

    def get_ident(self, request) -> str:
        # The same address the HTML forms count (only our proxy's entry).
        return client_address(request)


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


class RegistrationApi(APIView):
    """Register for a program (double opt-in: an e-mail link confirms)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [RegistrationThrottle]

    class InputSerializer(serializers.Serializer):
        side = serializers.ChoiceField(choices=["a", "b"])
        first_name = serializers.CharField(max_length=80)
        last_name = serializers.CharField(
            max_length=80, required=False, allow_blank=True
        )
        email = serializers.EmailField(max_length=254)
        phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
        gender = serializers.ChoiceField(choices=Participant.Gender.values)
        birth_date = serializers.DateField()
        municipality = serializers.CharField(max_length=4)
        arrived_in_sweden_year = serializers.IntegerField(
            required=False, allow_null=True, min_value=1900, max_value=2100
        )
        answers = serializers.DictField(required=False)
        consent = serializers.BooleanField()
        language = serializers.ChoiceField(choices=["sv", "en"], required=False)

    class OutputSerializer(serializers.Serializer):
        status = serializers.CharField()
        message = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={202: OutputSerializer})
    def post(self, request, slug: str):
        program = get_object_or_404(
            Program.objects.prefetch_related("sides", "questions"), slug=slug
        )
        if not isinstance(request.data, dict):
            return Response({"message": "Send a JSON object."}, status=400)
        unknown = sorted(set(request.data) - set(self.InputSerializer().fields))
        if unknown:
            return Response(
                {"message": f"Unknown fields: {', '.join(unknown)}."}, status=400
            )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        side = data.pop("side")
        language = data.pop("language", "sv")
        registration_submit(
            program=program,
            side_key=side,
            data=data,
            base_url=base_url(request),
            language=language,
        )
        # The same answer whether or not the e-mail was registered before.
        return Response(
            {
                "status": "check_email",
                "message": "Kolla din e-post och bekräfta din anmälan.",
            },
            status=status.HTTP_202_ACCEPTED,
        )


class ParticipantOutput(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phone = serializers.CharField(read_only=True)
    queue_position = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = [
            "id",
            "program",
            "side_key",
            "status",
            "first_name",
            "last_name",
            "email",
            "phone",
            "gender",
            "birth_date",
            "municipality",
            "arrived_in_sweden_year",
            "answers",
            "confirmed_at",
            "queued_at",
            "unavailable_reason",
            "created_at",
            "queue_position",
        ]

    def get_queue_position(self, participant) -> int | None:
        return queue_position(participant)


class ParticipantListApi(ListAPIView):
    """Participants, filtered by program (slug), side, status and municipality."""

    permission_classes = [StaffPermission]
    serializer_class = ParticipantOutput
    queryset = Participant.objects.none()

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        participant_access_log(user=request.user, view=AccessLogEntry.View.API_LIST)
        return response

    def get_queryset(self):
        params = self.request.query_params
        return participant_list(
            program=params.get("program", "")[:60],
            side=params.get("side", "")[:1],
            status=params.get("status", "")[:12],
            municipality=params.get("municipality", "")[:4],
        )


class ParticipantDetailApi(APIView):
    permission_classes = [StaffPermission]
    queryset = Participant.objects.none()

    @extend_schema(responses=ParticipantOutput)
    def get(self, request, pk: int):
        participant = get_object_or_404(Participant, pk=pk)
        participant_access_log(
            user=request.user,
            view=AccessLogEntry.View.API_DETAIL,
            participants=[participant],
        )
        return Response(ParticipantOutput(participant).data)


class ParticipantStatusApi(APIView):
    """Staff actions: mark unavailable (with a reason) or return to the queue."""

    permission_classes = [StaffChangePermission]
    queryset = Participant.objects.none()

    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(
            choices=["mark_unavailable", "return_to_queue"]
        )
        reason = serializers.CharField(max_length=200, required=False, allow_blank=True)

    @extend_schema(request=InputSerializer, responses=ParticipantOutput)
    def post(self, request, pk: int):
        participant = get_object_or_404(Participant, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["action"] == "mark_unavailable":
            participant_mark_unavailable(
                participant=participant,
                reason=serializer.validated_data.get("reason", ""),
                by=request.user,
            )
        else:
            participant_return_to_queue(participant=participant, by=request.user)
        participant.refresh_from_db()
        participant_access_log(
            user=request.user,
            view=AccessLogEntry.View.API_STATUS,
            participants=[participant],
        )
        return Response(ParticipantOutput(participant).data)


class StaffProgramListApi(ListAPIView):
    """All programs of this tenant, whatever their status."""

    permission_classes = [StaffPermission]
    serializer_class = ProgramOutput

    def get_queryset(self):
        return Program.objects.prefetch_related("sides", "questions").order_by("name")


class MatchRunOutput(serializers.Serializer):
    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id", allow_null=True)
    status = serializers.CharField()
    progress = serializers.IntegerField()
    progress_text = serializers.CharField()
    proposals = serializers.IntegerField()
    error = serializers.CharField()


class MatchOutput(serializers.Serializer):
    id = serializers.IntegerField()
    participant_a = serializers.IntegerField(source="participant_a_id")
    participant_b = serializers.IntegerField(source="participant_b_id")
    # Names as staff see them; an erased person is "raderad deltagare".
    participant_a_name = serializers.CharField(source="participant_a")
    participant_b_name = serializers.CharField(source="participant_b")
    status = serializers.CharField()
    score = serializers.FloatField()
    explanation = serializers.CharField()
    by_hand = serializers.BooleanField()


class MatchRunStartApi(APIView):
    """Start matching for a program; poll the run for progress."""

    permission_classes = [CoordinatorPermission]

    class InputSerializer(serializers.Serializer):
        objective = serializers.ChoiceField(
            choices=["max_score", "max_matched"], default="max_score"
        )
        min_score = serializers.FloatField(default=0.0, min_value=0)
        session = serializers.IntegerField(
            required=False,
            allow_null=True,
            help_text="For a per-session program: the id of the session to match.",
        )

    @extend_schema(request=InputSerializer, responses={202: MatchRunOutput})
    def post(self, request, slug: str):
        """A run that cannot start answers 400 with the reason in `message`."""
        from matching.matches.runs import match_run_session, match_run_start

        program = get_object_or_404(Program, slug=slug)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        session = match_run_session(
            program=program, session_id=data.pop("session", None)
        )
        run = match_run_start(program=program, by=request.user, session=session, **data)
        return Response(MatchRunOutput(run).data, status=status.HTTP_202_ACCEPTED)


class MatchRunDetailApi(APIView):
    permission_classes = [CoordinatorPermission]

    @extend_schema(responses=MatchRunOutput)
    def get(self, request, pk: int):
        from matching.models import MatchRun

        return Response(MatchRunOutput(get_object_or_404(MatchRun, pk=pk)).data)


class ProposalListApi(ListAPIView):
    """A program's current proposals, best first, with their reasons."""

    permission_classes = [CoordinatorPermission]
    serializer_class = MatchOutput

    def get_queryset(self):
        from matching.matches.selectors import proposals_of_program

        return proposals_of_program(
            program=get_object_or_404(Program, slug=self.kwargs["slug"])
        )


class PublishApi(APIView):
    """Publish all proposals, or those listed; both people are told, once, however
    many publish at the same moment. `refused` names proposals left unpublished
    because a person can no longer be matched (the rest are published)."""

    permission_classes = [CoordinatorPermission]

    class InputSerializer(serializers.Serializer):
        match_ids = serializers.ListField(
            child=serializers.IntegerField(), required=False, max_length=10_000
        )

    @extend_schema(request=InputSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, slug: str):
        from matching.matches.review import matches_publish

        program = get_object_or_404(Program, slug=slug)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = matches_publish(
            program=program,
            base_url=base_url(request),
            match_ids=serializer.validated_data.get("match_ids"),
        )
        return Response(
            {
                "published": result.published,
                "refused": [
                    {"match": match_id, "message": message}
                    for match_id, message in result.refused
                ],
            }
        )
