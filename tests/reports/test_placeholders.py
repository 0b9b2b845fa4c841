from jiedao.reports.annual.placeholders import Placeholder, problems, split

KNOWN = {"hotline.received", "religion.sites"}


def test_it_splits_text_and_placeholders():
    assert split("受理{{hotline.received}}件，{{ religion.sites:church|汉字 }}处") == [
        "受理",
        Placeholder("hotline.received"),
        "件，",
        Placeholder("religion.sites", "church", "汉字"),
        "处",
    ]


def test_it_accepts_known_codes_builtins_and_styles():
    assert problems("{{street}}{{year}}年受理{{hotline.received|余}}件", KNOWN) == []


def test_it_names_an_unknown_code():
    assert problems("受理{{hotline.recieved}}件", KNOWN) == ["未知的指标代码“hotline.recieved”"]


def test_it_refuses_malformed_and_unclosed_placeholders_and_bad_styles():
    messages = problems("{{热线}} {{hotline.received|约}} {{hotline.received", KNOWN)
    assert messages[0].startswith("占位符“{{热线}}”格式不正确")
    assert "未知的写法“约”" in messages[1]
    assert "未闭合" in messages[2]
