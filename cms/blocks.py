"""StreamField blocks for the repeating parts of a tenant's landing site."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class OmittableStreamBlock(blocks.StreamBlock):
    """A stream whose form data may be missing from a POST (a script, an old form):
    it then counts as empty, like any other omitted field, instead of failing with
    a KeyError (a 500) on the missing "<name>-count" entry."""

    def value_from_datadict(self, data, files, prefix):
        if self.value_omitted_from_data(data, files, prefix):
            return self.to_python([])
        return super().value_from_datadict(data, files, prefix)


HEADING_LEVELS = [("h2", _("Heading level 2")), ("h3", _("Heading level 3"))]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=HEADING_LEVELS, default="h2", required=True
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")


class StepBlock(blocks.StructBlock):
    """One step of "how it works" on the home page."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class QuoteBlock(blocks.StructBlock):
    """A participant's own words; name and role as the participant agreed."""

    quote = blocks.TextBlock(label=_("Quote"))
    name = blocks.CharBlock(label=_("Name"), max_length=100)
    role = blocks.CharBlock(
        label=_("Role"),
        max_length=120,
        required=False,
        help_text=_("For example: mentor in Kv(in)na since 2023"),
    )

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


class PartnerLogoBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Organisation"), max_length=150)
    logo = ImageChooserBlock(label=_("Logo"), required=False)
    url = blocks.URLBlock(label=_("Web address"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        template = "cms/blocks/question.html"
        label = _("Question and answer")


class ContactPersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=100)
    role = blocks.CharBlock(label=_("Role"), max_length=150, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)

    class Meta:
        icon = "user"
        template = "cms/blocks/contact_person.html"
        label = _("Contact person")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("Or web address"), required=False, help_text=_("Used without a page")
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")


class StepsBlock(OmittableStreamBlock):
    step = StepBlock()


class QuotesBlock(OmittableStreamBlock):
    quote = QuoteBlock()


class PartnersBlock(OmittableStreamBlock):
    partner = PartnerLogoBlock()


class QuestionsBlock(OmittableStreamBlock):
    question = QuestionBlock()


class ContactPersonsBlock(OmittableStreamBlock):
    person = ContactPersonBlock()


class BodyBlock(OmittableStreamBlock):
    """The free content of program, news and FAQ pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )
    image = ImageBlock(label=_("Image"), template="cms/blocks/image.html")
    quote = QuoteBlock()
    question = QuestionBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Content")
