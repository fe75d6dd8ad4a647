from rest_framework.response import Response
from rest_framework.views import exception_handler

from config.errors import ApplicationError


def api_exception_handler(exc, context):
    """ApplicationError becomes a 400 with a JSON body; the rest as DRF does it."""
    if isinstance(exc, ApplicationError):
        body = {"message": exc.message}
        if exc.extra:
            body["extra"] = exc.extra
        return Response(body, status=400)
    return exception_handler(exc, context)
