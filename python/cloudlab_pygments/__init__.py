"""A Pygments lexer for cloudlab cells, so nbconvert's HTML and PDF handouts colour them.

The wheel installs it with a `pygments.lexers` entry point; the kernel's
`language_info.pygments_lexer` is "cloudlab". It tells apart what the JupyterLab syntax
mode (jupyterlab-cloudlab/src/tokenizer.ts) does: the command first on each line (and
after ` -- `), `%%magics`, flags, resource IDs, CIDRs and IP addresses (each one whole
token), numbers, quoted strings, key=value pairs and `#` comments.
"""

from pygments.lexer import RegexLexer, default
from pygments.token import (Comment, Keyword, Name, Number, Operator, Punctuation, String, Text,
                            Whitespace)

__all__ = ["CloudlabLexer"]

# 10.0.0.0/16, 192.168.1.10 and IPv6 (2001:db8::/32): never split at a dot or slash.
IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w./:-])"
IPV6 = r"(?=[0-9a-fA-F:]*::?[0-9a-fA-F]*:)[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:/\d{1,3})?(?![\w./:-])"
# vpc-0a1b2c3d4e5f60718, subnet-…, i-…, tgw-attach-…: AWS's prefix, a dash, 8 or 17 hex digits.
RESOURCE_ID = r"[a-z]+(?:-[a-z]+)*-[0-9a-f]{8,17}(?![\w.-])"
FLAG = r"--[A-Za-z0-9][\w-]*"
NUMBER = r"\d+(?:\.\d+)?(?:[kKmMgG]i?[bB]?|%|ms|s)?(?![\w./:-])"
STRINGS = [
    (r'"(?:\\.|[^"\\\n])*"?', String.Double),
    (r"'(?:\\.|[^'\\\n])*'?", String.Single),
]


class CloudlabLexer(RegexLexer):
    """cloudlab cells: AWS-CLI-like commands over an offline model of AWS."""

    name = "cloudlab"
    aliases = ["cloudlab"]
    filenames = ["*.cloudlab"]
    mimetypes = ["text/x-cloudlab"]

    tokens = {
        # Where a command may start: a line's beginning, or after ` -- `.
        "root": [
            (r"\n", Whitespace),
            (r"[ \t]+", Whitespace),
            (r"#.*", Comment.Single),
            (r"%%?[A-Za-z_][\w.:-]*", Name.Decorator, "args"),
            (r"--(?=\s|$)", Operator),
            (FLAG, Name.Attribute, "args"),
            *[(rx, tok, "args") for rx, tok in STRINGS],
            (r"[A-Za-z_][\w.:-]*", Keyword, "args"),
            default("args"),
        ],
        # The rest of a command's line.
        "args": [
            (r"\n", Whitespace, "#pop"),
            (r"[ \t]+", Whitespace),
            (r"#.*", Comment.Single),
            *STRINGS,
            (r"--(?=\s|$)", Operator, "#pop"),
            (FLAG, Name.Attribute),
            (IPV4, Number),
            (IPV6, Number),
            (RESOURCE_ID, Name.Constant),
            (NUMBER, Number),
            (r"[A-Za-z][\w.-]*(?==)", Name.Property),
            (r"[=,]", Punctuation),
            (r"[^\s\"'=,]+", Text),
            (r".", Text),
        ],
    }
