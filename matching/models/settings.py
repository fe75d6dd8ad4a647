from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

SENDER_INVALID = "Högst 11 tecken: bokstäver a–z, siffror (börjar med en bokstav)."


@register_setting(icon="mail")
class MessagingSettings(BaseSiteSetting):
    """How this tenant's messages are signed (one site per tenant)."""

    sms_sender = models.CharField(
        _("SMS sender name"),
        max_length=11,
        default="Kompis",
        validators=[RegexValidator(r"^[A-Za-z][A-Za-z0-9]{1,10}$", SENDER_INVALID)],
        help_text=_(
            "Shown as the sender of SMS, e.g. JarfallaK. At most 11 characters."
        ),
    )
    email_from_name = models.CharField(
        _("e-mail sender name"), max_length=80, default="Kompis"
    )
    reply_to = models.EmailField(_("replies go to"), blank=True)

    class Meta:
        verbose_name = _("messages")
