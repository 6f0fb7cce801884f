"""The rule registry: every rule is a small class with its metadata and a docstring.

A rule module (one per family: arithmetic, consistency, narrative, dates, identity,
structure, text) defines rules like this::

    @register
    class CapaianMismatch(Rule):
        '''Printed capaian differs from realisasi ÷ target.

        ## What it checks
        ...
        '''
        code = "A101"
        name = "capaian-mismatch"
        family = "arithmetic"
        default_severity = Severity.ERROR
        packs = ("polarity", "tolerances")
        template = Message(id="Capaian tertulis {actual}, seharusnya {expected}",
                           en="Capaian printed {actual}, expected {expected}")

        def check(self, report, ctx):
            yield self.finding(loc, actual=..., expected=..., column="Capaian")

The docstring is the rule's documentation (``lapkin-audit rule A101``); codes are a public
contract and are never reused.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from lapkin_audit.model import Finding, FindingLocation, Location, Message, Report, Severity

FAMILIES = (
    "arithmetic", "consistency", "narrative", "dates", "identity", "structure", "text", "files",
)


@dataclass
class Context:
    """What a rule may read besides the report: regulation pack, options, language."""

    pack: Any = None  # lapkin_audit.packs.Pack
    lang: str = "id"
    submitted: Any = None  # datetime.date the report was received, when known
    options: dict[str, Any] = field(default_factory=dict)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR
    packs: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[Message]

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().splitlines()[0] if cls.__doc__ else cls.name

    def finding(
        self,
        loc: Location | None = None,
        *,
        actual: Any = None,
        expected: Any = None,
        actual_text: str | None = None,
        expected_text: str | None = None,
        column: str | None = None,
        severity: Severity | None = None,
        template: Message | None = None,
        **fields: Any,
    ) -> Finding:
        """Build a finding; template fields may be plain values or bilingual Messages."""
        tpl = template or self.template
        values = {"actual": actual_text or actual, "expected": expected_text or expected}
        values.update(fields)

        def render(lang: str) -> str:
            resolved = {k: (v.get(lang) if isinstance(v, Message) else v) for k, v in values.items()}
            return tpl.get(lang).format(**resolved)

        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.default_severity,
            message=Message(id=render("id"), en=render("en")),
            location=FindingLocation(column=column, raw=loc or Location()),
            actual=actual,
            expected=expected,
            actual_text=actual_text,
            expected_text=expected_text,
        )


REGISTRY: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    if rule.code in REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    if rule.family not in FAMILIES:
        raise ValueError(f"rule {rule.code}: unknown family {rule.family}")
    REGISTRY[rule.code] = rule
    return rule


def all_rules() -> list[type[Rule]]:
    """Every registered rule, importing the family modules on first use."""
    from lapkin_audit.rules import load_all

    load_all()
    return [REGISTRY[code] for code in sorted(REGISTRY)]
