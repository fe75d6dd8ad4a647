# ruff: noqa: E501  (one text per line reads best in a translation table)
"""The templates' texts in languages beyond Swedish and English, as data: every
option by its value, and the programs whose participants read the language
(Kv(in)na's adepts often read Arabic best). A program made from a template starts
with them; coordinators change them on the program's translations page."""

CHOICES = {
    "ar": {
        "yes": "نعم",
        "no": "لا",
        "single": "بمفردي",
        "family": "مع عائلتي",
        "health": "الرعاية الصحية",
        "engineering": "التقنية والهندسة",
        "it": "تقنية المعلومات",
        "economics": "الاقتصاد والإدارة",
        "education": "التربية والتعليم",
        "law": "القانون والعلوم الاجتماعية",
        "trades": "الحرف والخدمات",
        "other": "أخرى",
        "weekday_day": "أيام الأسبوع نهاراً",
        "weekday_evening": "أمسيات أيام الأسبوع",
        "weekend": "عطلة نهاية الأسبوع",
        "hiking": "الأنشطة الخارجية والمشي",
        "cooking": "الطبخ",
        "sports": "الرياضة والتمارين",
        "culture": "الثقافة والموسيقى والفن",
        "games": "الألعاب وألعاب الطاولة",
        "crafts": "الحرف اليدوية",
        "books": "الكتب واللغات",
        "nature": "البستنة والطبيعة",
        "communication": "التواصل",
        "conflict": "إدارة النزاعات",
        "interview": "مهارات المقابلة",
        "finance": "الاقتصاد الشخصي",
    },
}

PROGRAMS = {
    "kvinna": {
        "ar": {
            "program": {
                "summary": "برنامج إرشاد للنساء والفتيات القادمات حديثاً والمولودات خارج السويد (المتدرّبات) وللنساء العاملات (المرشدات) في ست بلديات.",
                "commitment_text": "لقاء بداية وثلاثة لقاءات على الأقل خلال ستة أشهر، إضافة إلى لقاءات الشبكة",
                "consent_purpose": "لمطابقتك مع مرشدة أو متدرّبة ومتابعة لقاءاتكما.",
                "consent_recipients": "منسقو البرنامج في البلدية والمنظمات الشريكة. من تتم مطابقتك معها ترى اسمك الأول واهتماماتك وطريقة التواصل بينكما.",
            },
            "sides": {
                "a": {
                    "name": "متدرّبة",
                    "description": "النساء والفتيات القادمات حديثاً والمولودات خارج السويد.",
                },
                "b": {
                    "name": "مرشدة",
                    "description": "نساء عاملات يرغبن في مشاركة خبراتهن.",
                },
            },
            "questions": {
                "employed": {"label": "هل لديك عمل؟"},
                "field": {"label": "في أي مجال تعملين أو تريدين العمل؟"},
                "interests": {"label": "الاهتمامات"},
                "availability": {"label": "متى يمكنك اللقاء؟"},
                "languages": {"label": "ما اللغات التي تتحدثينها؟"},
            },
        },
    },
}
