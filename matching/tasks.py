from celery import shared_task


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def message_send(self, message_id: int) -> str:
    """Send one outbox message. Runs in the schema named by the `_schema_name`
    header that message_queue sets; a message already sent is not sent again."""
    from matching.models import Message
    from matching.services.messages import message_send as send

    try:
        message = send(message_id=message_id)
    except Exception:
        if self.request.retries >= self.max_retries:
            Message.objects.filter(pk=message_id).update(status=Message.Status.FAILED)
        raise
    return message.status if message is not None else "missing"
