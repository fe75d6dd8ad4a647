"""A newcomer registers in Arabic (right to left) and another in English, each by
keyboard; the confirmation e-mail and their pages come in that language, and
axe-core finds no serious or critical issue on any participant page in Swedish,
English or Arabic."""

import pytest

from tests.browsers import axe_violations

pytestmark = pytest.mark.slow


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        }"""
    )


def _type_into(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def _press(page, name: str) -> None:
    page.get_by_role("button", name=name).focus()
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")


def test_register_in_arabic_by_keyboard(page, live_port, mailbox):
    base = f"http://kvinna.localhost:{live_port}"
    # The Arabic site's program page links to the Arabic form.
    page.goto(f"{base}/ar/mentorskap/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    link = page.locator("a[href^='/ar/anmalan/kvinna/?side=a']")
    link.focus()
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/ar/anmalan/kvinna/?side=a")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    # Inside the tenant's site: its skip link and language switcher.
    assert page.locator("a.skip-link").count() == 1
    assert page.locator("nav.language-switcher a[hreflang='sv']").count() == 1
    assert axe_violations(page) == []

    # The empty form: errors announced in Arabic.
    _press(page, "أرسل التسجيل")
    alert = page.get_by_role("alert").first
    alert.wait_for()
    assert "املأ الاسم الأول." in alert.inner_text()
    assert axe_violations(page) == []

    _type_into(page, "الاسم الأول", "Hana")
    _type_into(page, "البريد الإلكتروني", "hana.arabic@example.se")
    _type_into(page, "رقم الجوال", "070-765 43 21")
    page.get_by_label("الجنس").select_option("woman")
    page.get_by_label("تاريخ الميلاد").fill("1990-02-03")
    page.get_by_label("البلدية التي تسكن فيها").select_option("0182")
    page.get_by_label("الرعاية الصحية").focus()  # the program's texts, in Arabic
    page.keyboard.press("Space")
    page.get_by_label("أمسيات أيام الأسبوع").focus()
    page.keyboard.press("Space")
    _type_into(page, "ما اللغات التي تتحدثينها؟", "العربية")
    page.get_by_label("لقد قرأت كيف تتم معالجة بياناتي").focus()
    page.keyboard.press("Space")
    _press(page, "أرسل التسجيل")

    page.wait_for_url("**/ar/anmalan/kvinna/tack/")
    assert "تحقق من بريدك الإلكتروني" in page.content()
    assert axe_violations(page) == []

    message = mailbox.wait_for("hana.arabic@example.se")
    assert message["Subject"] == "أكّد تسجيلك في Kv(in)na"
    page.goto(mailbox.link(message, "/ar/deltagare/bekrafta/"))
    page.wait_for_url("**/ar/deltagare/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "في قائمة الانتظار" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    for path in (
        "/ar/deltagare/svar/",
        "/ar/deltagare/radera/",
        "/ar/deltagare/ny-lank/",
    ):
        page.goto(f"{base}{path}")
        assert axe_violations(page) == [], path


def test_register_in_english_by_keyboard(page, live_port, mailbox):
    base = f"http://kvinna.localhost:{live_port}"
    page.goto(f"{base}/en/mentorskap/")
    page.locator("a[href^='/en/anmalan/kvinna/?side=a']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/anmalan/kvinna/?side=a")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []

    _type_into(page, "First name", "Grace")
    _type_into(page, "E-mail", "grace.english@example.se")
    page.get_by_label("Gender").select_option("woman")
    page.get_by_label("Date of birth").fill("1988-07-09")
    page.get_by_label("Municipality where you live").select_option("0182")
    page.get_by_label("Health care").focus()  # the program's English texts
    page.keyboard.press("Space")
    page.get_by_label("Weekday evenings").focus()
    page.keyboard.press("Space")
    _type_into(page, "Which languages do you speak?", "english")
    page.get_by_label("I have read how my data is handled").focus()
    page.keyboard.press("Space")
    _press(page, "Send registration")

    page.wait_for_url("**/en/anmalan/kvinna/tack/")
    message = mailbox.wait_for("grace.english@example.se")
    assert message["Subject"] == "Confirm your registration for Kv(in)na"
    page.goto(mailbox.link(message, "/en/deltagare/bekrafta/"))
    page.wait_for_url("**/en/deltagare/")
    assert "In the queue" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("prefix", ["", "/en", "/ar"])
def test_participant_pages_pass_axe_in_every_language(page, live_port, prefix):
    base = f"http://kvinna.localhost:{live_port}{prefix}"
    for path in (
        "/anmalan/kvinna/",
        "/anmalan/kvinna/?side=b",
        "/anmalan/kvinna/tack/",
        "/deltagare/ny-lank/",
    ):
        page.goto(f"{base}{path}")
        assert axe_violations(page) == [], f"{prefix}{path}"


@pytest.mark.parametrize("width", [320, 640])  # a phone; 1280 px at 200 % zoom
def test_nothing_is_cut_off_on_a_narrow_screen_in_any_language(
    browser, live_port, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    base = f"http://kvinna.localhost:{live_port}"
    try:
        for path in (
            "/",
            "/mentorskap/",
            "/anmalan/kvinna/?side=a",
            "/ar/",
            "/ar/anmalan/kvinna/?side=a",
            "/en/deltagare/ny-lank/",
        ):
            page.goto(f"{base}{path}")
            overflow = page.evaluate(
                """() => {
                    const wide = document.documentElement.scrollWidth > innerWidth + 1;
                    const cut = [...document.querySelectorAll('main *')].filter(el => {
                        const style = getComputedStyle(el);
                        return el.children.length === 0 && el.textContent.trim()
                            && style.overflow !== 'visible'
                            && el.scrollWidth > el.clientWidth + 1;
                    }).map(el => el.textContent.trim().slice(0, 40));
                    return {wide, cut};
                }"""
            )
            assert overflow == {"wide": False, "cut": []}, (path, overflow)
        # Partners without a logo: their whole name, in a box that wraps.
        page.goto(f"{base}/")
        names = page.locator(".partners .partner-name")
        assert names.count() >= 6
        for index in range(names.count()):
            box = names.nth(index)
            assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    finally:
        context.close()
