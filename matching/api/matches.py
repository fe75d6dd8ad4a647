"""Matching in the API for staff: start a run, follow it, read the proposals,
publish them."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from config.request_urls import base_url
from matching.api.permissions import (
    CoordinatorPermission,
)
from matching.matches.review import matches_publish
from matching.matches.runs import match_run_session, match_run_start
from matching.matches.selectors import proposals_of_program
from matching.models import MatchRun, Program


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

    @extend_schema_serializer(component_name="MatchRunStartInput")
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
        return Response(MatchRunOutput(get_object_or_404(MatchRun, pk=pk)).data)


class ProposalListApi(ListAPIView):
    """A program's current proposals, best first, with their reasons."""

    permission_classes = [CoordinatorPermission]
    serializer_class = MatchOutput

    def get_queryset(self):
        return proposals_of_program(
            program=get_object_or_404(Program, slug=self.kwargs["slug"])
        )


class PublishApi(APIView):
    """Publish all proposals, or those listed; both people are told, once, however
    many publish at the same moment. `refused` names proposals left unpublished
    because a person can no longer be matched (the rest are published)."""

    permission_classes = [CoordinatorPermission]

    @extend_schema_serializer(component_name="PublishInput")
    class InputSerializer(serializers.Serializer):
        match_ids = serializers.ListField(
            child=serializers.IntegerField(), required=False, max_length=10_000
        )

    @extend_schema(request=InputSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, slug: str):
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
