from celery import shared_task

from matching.services.messages import MessageNotSent


@shared_task(
    bind=True,
    autoretry_for=(MessageNotSent,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def message_send(self, message_id: int) -> str:
    """Send one outbox message. Runs in the schema named by the `_schema_name`
    header that message_queue sets; a message already sent is not sent again."""
    from matching.services.messages import message_mark_failed
    from matching.services.messages import message_send as send

    try:
        message = send(message_id=message_id)
    except MessageNotSent:
        if self.request.retries >= self.max_retries:
            message_mark_failed(message_id=message_id)
        raise
    return message.status if message is not None else "missing"


@shared_task(acks_late=True)
def outbox_flush(schema_name: str) -> int:
    from matching.services.messages import outbox_flush as flush

    return flush(schema_name=schema_name)


@shared_task(acks_late=True)
def outbox_flush_all() -> int:
    """Beat job: in every ready tenant, re-send what waits in the outbox."""
    from django_tenants.utils import tenant_context

    from matching.services.messages import outbox_flush as flush
    from tenants.selectors import tenants_ready

    handed_over = 0
    for tenant in tenants_ready():
        with tenant_context(tenant):
            handed_over += flush(schema_name=tenant.schema_name)
    return handed_over
