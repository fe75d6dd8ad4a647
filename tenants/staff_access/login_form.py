"""The staff sign-in form of the Wagtail admin: Wagtail's own, with the password
field labelled in the reader's language (Wagtail leaves it to the field name, so
a Swedish page said "Password")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
