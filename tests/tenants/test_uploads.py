"""An uploaded file never runs as the tenant's site: active types (HTML, SVG, XML)
are refused; documents are served by Wagtail's view as attachments with
CSP default-src 'none' and nosniff; an image is only ever an image."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context
from wagtail.documents import get_document_model

from cms.services import EDITORS_GROUP
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in

HTML = b"<html><script>fetch('/api/v1/staff/participants/')</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _upload(editor, name: str, content: bytes, content_type: str):
    return editor.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": "1",
        },
        HTTP_HOST=ALPHA_HOST,
    )


def test_html_and_svg_documents_are_refused(alpha):
    editor = signed_in(alpha, ALPHA_HOST, group=EDITORS_GROUP)
    for name, content, content_type in (
        ("evil.html", HTML, "text/html"),
        ("evil.svg", SVG, "image/svg+xml"),
        ("evil.xml", b"<x/>", "application/xml"),
    ):
        response = _upload(editor, name, content, content_type)
        assert response.status_code == 200, name  # the form again, with the error
        assert "Not a supported document extension" in response.content.decode() or (
            "filändelse" in response.content.decode()
        ), name
    with tenant_context(alpha):
        assert not get_document_model().objects.exists()


def test_a_document_is_an_attachment_that_cannot_run(client, alpha, beta):
    editor = signed_in(alpha, ALPHA_HOST, group=EDITORS_GROUP)
    response = _upload(editor, "report.pdf", b"%PDF-1.4 a report", "application/pdf")
    assert response.status_code == 302
    with tenant_context(alpha):
        document = get_document_model().objects.get()
        url, stored = document.url, document.file.url
    assert url.startswith("/documents/")

    served = client.get(url, HTTP_HOST=ALPHA_HOST)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"
    # Its storage path is no way around the view, and another host has nothing.
    assert stored.startswith("/media/alpha/documents/")
    assert client.get(stored, HTTP_HOST=ALPHA_HOST).status_code == 404
    assert client.get(url, HTTP_HOST=BETA_HOST).status_code == 404


def test_a_file_in_the_media_folder_that_is_not_an_image_is_a_download(client, alpha):
    with tenant_context(alpha):
        svg = default_storage.save("original_images/old.svg", ContentFile(SVG))
        png = default_storage.save(
            "original_images/logo.png", ContentFile(b"\x89PNG\r\n\x1a\n")
        )
        svg_url, png_url = default_storage.url(svg), default_storage.url(png)
    try:
        served = client.get(svg_url, HTTP_HOST=ALPHA_HOST)
        assert served["Content-Type"] == "application/octet-stream"
        assert served["Content-Disposition"].startswith("attachment")
        assert "sandbox" in served["Content-Security-Policy"]
        image = client.get(png_url, HTTP_HOST=ALPHA_HOST)
        assert image["Content-Type"] == "image/png"
        assert image["X-Content-Type-Options"] == "nosniff"
        assert "Content-Disposition" not in image or not image[
            "Content-Disposition"
        ].startswith("attachment")
    finally:
        with tenant_context(alpha):
            default_storage.delete(svg)
            default_storage.delete(png)
