"""The one exception type for errors a user causes. It lives in config/ because
every app raises it and none should import another app just for this."""


class ApplicationError(Exception):
    """An error a user caused: shown to them as it is (form error, 400, CLI message)."""

    def __init__(self, message: str, extra: dict | None = None):
        # A translatable message is read now, in the language of whoever caused it.
        message = str(message)
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
