"""Participants in the API: public registration; staff read the list and a
person, and change their status."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from config.request_urls import base_url
from matching.api.permissions import (
    RegistrationThrottle,
    StaffChangePermission,
    StaffPermission,
)
from matching.models import AccessLogEntry, Participant, Program
from matching.participants.access_log import participant_access_log
from matching.participants.registration import registration_submit
from matching.participants.selectors import participant_list, queue_position
from matching.participants.status import (
    participant_mark_unavailable,
    participant_return_to_queue,
)


class RegistrationApi(APIView):
    """Register for a program (double opt-in: an e-mail link confirms)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [RegistrationThrottle]

    @extend_schema_serializer(component_name="RegistrationInput")
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
        language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)

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

    @extend_schema_serializer(component_name="ParticipantStatusInput")
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
