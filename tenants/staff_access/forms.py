from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.staff_access.invitations import invitable_groups


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    group = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(name, name) for name in invitable_groups()]
