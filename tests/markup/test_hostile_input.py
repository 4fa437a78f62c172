"""Hostile Markdown: whatever an author writes, nothing in the output runs."""

import pytest

from markup.rendering import render_markdown
from markup.sanitising import sanitise_html

from .html_checks import assert_not_executable, elements

B64_HTML = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
B64_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script in paragraph": "Hello <script>alert(1)</script> world",
    "img onerror": "<img src=x onerror=alert(1)>",
    "img onerror in text": "看這裡 <img src=x onerror=alert(1)> 好",
    "svg onload": "<svg onload=alert(1)>",
    "svg with script": "<svg><script>alert(1)</script></svg>",
    "javascript link": "[x](javascript:alert(1))",
    "javascript link, entity colon": "[x](javascript&#58;alert(1))",
    "javascript link, entity j": "[x](&#106;avascript:alert(1))",
    "javascript link, hex entities": "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "javascript link, tab entity": "[x](java&#9;script:alert(1))",
    "javascript link, upper case": "[x](JAVASCRIPT:alert(1))",
    "javascript link, mixed case": "[x](JaVaScRiPt:alert(1))",
    "javascript link, angle brackets": "[x](<javascript:alert(1)>)",
    "javascript image": "![x](javascript:alert(1))",
    "data html link": f"[x](data:text/html;base64,{B64_HTML})",
    "data image": f"![x](data:image/png;base64,{B64_PNG})",
    "data image, html": f'<img src="data:image/png;base64,{B64_PNG}">',
    "reference javascript": "[x][1]\n\n[1]: javascript:alert(1)",
    "reference javascript, entity": "[x][1]\n\n[1]: javascript&#58;alert(1)",
    "reference data image": f"![x][1]\n\n[1]: data:image/png;base64,{B64_PNG}",
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "javascript html link": '<a href="javascript:alert(1)">x</a>',
    "javascript html link, leading space": '<a href="  javascript:alert(1)">x</a>',
    "javascript html link, newline": '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "javascript html link, control char": '<a href="&#x01;javascript:alert(1)">x</a>',
    "data html link, raw": f'<a href="data:text/html;base64,{B64_HTML}">x</a>',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "style element": "<style>body { display: none }</style>",
    "style attribute": '<div style="position:fixed;inset:0">x</div>',
    "style attribute on link": '<a href="https://ok.example" style="position:fixed">x</a>',
    "onclick": '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "onmouseover on paragraph": '<p onmouseover="alert(1)">x</p>',
    "details ontoggle": "<details open ontoggle=alert(1)>",
    "math": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "form": '<form action="https://evil.example"><input name=x><button>go</button></form>',
    "button formaction": '<button formaction="javascript:alert(1)">x</button>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base": '<base href="javascript:alert(1)//">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "autolink javascript": "<javascript:alert(1)>",
    "autolink data": f"<data:text/html;base64,{B64_HTML}>",
    "comment with script": "<!--<script>alert(1)</script>-->",
    "conditional comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "comment breakout": "<!-- --!><img src=x onerror=alert(1)> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "cdata in svg": "<svg><![CDATA[<img src=x onerror=alert(1)>]]></svg>",
    "split script": "<scr<script>ipt>alert(1)</script>",
    "double angle": "<<script>script>alert(1)<</script>/script>",
    "unterminated img": '<img src="x" onerror="alert(1)"',
    "unterminated link": '<a href="javascript:alert(1)"',
    "unterminated script": "<div><script>alert(1)",
    "nested tags": "<div><p><b><i><a href='javascript:alert(1)'><img src=x onerror=alert(1)>",
    "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "svg style mutation": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "math mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "template": "<template><script>alert(1)</script></template>",
    "link title breakout": '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    "image alt breakout": '![a" onerror="alert(1)](https://ok.example/a.png)',
    "id clobbering": '<img id="wagtail-config" name="csrfmiddlewaretoken" src="/media/a.png">',
    "script in footnote": "x[^1]\n\n[^1]: <script>alert(1)</script>",
    "javascript in footnote": "x[^1]\n\n[^1]: [y](javascript:alert(1))",
    "script in table": "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "script in fenced code": "```html\n<script>alert(1)</script>\n```",
    "code class injection": '```x" onclick="alert(1)\ncode\n```',
    "image outside media": '![x](/admin/logout/)<img src="/media/../admin/">',
    "image protocol-relative": "![x](//evil.example/a.png)",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_renders_nothing_executable(source):
    assert_not_executable(render_markdown(source))


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_is_stable_when_sanitised_again(source):
    """A second pass changes nothing: the output does not mutate when re-parsed."""
    html = str(render_markdown(source))
    assert sanitise_html(html) == html


def test_script_text_is_not_kept_as_element_but_code_is_shown_as_text():
    html = render_markdown("```html\n<script>alert(1)</script>\n```")
    assert "&lt;script&gt;" in html
    assert [tag for tag, _ in elements(html)] == ["pre", "code"]


def test_dangerous_link_keeps_its_text_without_the_target():
    html = render_markdown("[點我](javascript:alert(1))")
    [(tag, attrs)] = elements(html)[1:]
    assert tag == "a" and "href" not in attrs
    assert "點我" in html


def test_ids_other_than_footnote_ids_are_dropped():
    html = render_markdown('<sup id="wagtail-config">1</sup><li id="main">x</li>')
    assert all("id" not in attrs for _, attrs in elements(html))


def test_classes_other_than_ours_are_dropped():
    html = render_markdown('<div class="w-dialog footnote">x</div><a class="button" href="/">y</a>')
    found = {tag: attrs.get("class") for tag, attrs in elements(html)}
    assert found["div"] == "footnote"
    assert found["a"] is None
