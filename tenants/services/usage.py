"""Per-tenant usage counts for the operator console, refreshed by a Celery task."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.models import Tenant, TenantUsage


def tenant_usage_refresh(*, tenant: Tenant) -> TenantUsage:
    """Count the tenant's pages, users, images and documents in its own schema."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    with tenant_context(tenant):
        counts = {
            # depth 1 is Wagtail's root, which is not a page anyone made.
            "pages": Page.objects.filter(depth__gt=1).count(),
            "users": get_user_model().objects.count(),
            "images": get_image_model().objects.count(),
            "documents": get_document_model().objects.count(),
        }
    usage, _ = TenantUsage.objects.update_or_create(
        tenant=tenant, defaults={**counts, "refreshed_at": timezone.now()}
    )
    return usage
