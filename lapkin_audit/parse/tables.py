"""Tables by meaning: classify raw grids into typed views.

A raw grid (from either reader) is cut into *blocks*: header rows (recognised by their
vocabulary), an optional column-number row (``1 2 3 …``), then body rows until the next header.
Each block's header rows give every column a path (``Anggaran › Pagu``) and a role (pagu,
target, serapan …); the set of roles says what the block is (PK, capaian, cost …). Body rows
become typed rows: summary rows (JUMLAH, Rata-rata) and group rows are marked, rows a page
break split are merged back, hierarchy levels come from numbering or prefix words. Consecutive
blocks with the same meaning (a header repeated on the next page, or typed again by the
author) form one view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from lapkin_audit.model import (
    Cell,
    Column,
    HeaderFormula,
    Location,
    Quantity,
    RawTable,
    RowKind,
    TableView,
    Text,
    Unit,
    ViewKind,
    ViewRow,
)
from lapkin_audit.parse.numbers import NumberStyle, column_style, parse_quantity
from lapkin_audit.parse.vocabulary import (
    BUDGET_GROUP,
    FORMULA,
    PERFORMANCE_GROUP,
    SUMMARY_ROW,
    YEAR,
    is_group_label,
    match_role,
)

QUANTITY_ROLES = ("target", "realisasi", "capaian", "pagu", "realisasi_anggaran", "serapan",
                  "efisiensi")
TEXT_ROLES = ("sasaran", "program", "indikator", "satuan", "status", "rumus", "strategi", "bulan")
PERCENT_ROLES = ("capaian", "serapan")
MONEY_ROLES = ("pagu", "realisasi_anggaran")
IDENTITY_ROLES = ("indikator", "program", "sasaran")

COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2})\s*\)?$")
# Money or a percentage written completely; a fragment of a wrapped number is not.
COMPLETE_NUMBER = re.compile(
    r"^(rp\.?)?-?\(?(\d{1,3}([.,]\d{3})*([.,]\d+)?|\d+([.,]\d+)?)\)?(%|,-)?$", re.IGNORECASE
)
LIST_ITEM_START = re.compile(r"\s+(?=(?:\d{1,2}|[a-z])[.)]\s)")
HIERARCHY_PREFIX = re.compile(r"^\s*(sub\s*-?\s*kegiatan|kegiatan|program)\b\s*:?", re.IGNORECASE)
PERIOD_LABEL = re.compile(r"^\s*(tahun|ta\.?|triwulan|tw\.?|semester|s\.?d\.?)\b.*|^\s*(19|20)\d\d\s*$",
                          re.IGNORECASE)


@dataclass
class _Grid:
    table: RawTable
    cells: list[list[Cell | None]]

    @classmethod
    def of(cls, table: RawTable) -> _Grid:
        return cls(table, table.grid())

    def origin(self, r: int, c: int) -> Cell | None:
        return self.cells[r][c]

    def text(self, r: int, c: int) -> str:
        cell = self.cells[r][c]
        return cell.text.strip() if cell else ""

    def row_origins(self, r: int) -> list[Cell]:
        seen: list[Cell] = []
        for cell in self.cells[r]:
            if cell is not None and cell.text.strip() and all(cell is not s for s in seen):
                seen.append(cell)
        return seen


@dataclass
class _Block:
    header_rows: list[int]
    column_numbers_row: int | None
    body_rows: list[int] = field(default_factory=list)


# -- row classification --------------------------------------------------------------------


def _looks_numeric(text: str) -> bool:
    compact = re.sub(r"\s+", "", FORMULA.sub("", text))
    return bool(re.search(r"\d", compact)) and bool(
        re.fullmatch(r"(rp\.?)?[-(]?[\d.,]+\)?(%|,-)?", compact, re.IGNORECASE)
    )


def _is_header_label(text: str) -> bool:
    return (
        match_role(text) is not None
        or is_group_label(text, BUDGET_GROUP + PERFORMANCE_GROUP)
        or bool(PERIOD_LABEL.match(text))
    )


def _is_header_row(grid: _Grid, r: int) -> bool:
    origins = grid.row_origins(r)
    if len(origins) < 2 or any(_looks_numeric(c.text) and not YEAR.fullmatch(c.text.strip())
                               for c in origins):
        return False
    matched = sum(1 for c in origins if _is_header_label(c.text))
    return matched >= 2 and matched >= 0.6 * len(origins)


def _is_column_number_row(grid: _Grid, r: int) -> bool:
    origins = grid.row_origins(r)
    numbers = [COLUMN_NUMBER.match(c.text.strip()) for c in origins]
    if len(origins) < 3 or not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers if m]
    return values[0] <= 2 and all(b > a for a, b in pairwise(values))


def _split_blocks(grid: _Grid) -> list[_Block]:
    blocks: list[_Block] = []
    r, n = 0, grid.table.n_rows
    while r < n:
        header: list[int] = []
        while r < n and _is_header_row(grid, r):
            header.append(r)
            r += 1
        numbers_row = None
        if header and r < n and _is_column_number_row(grid, r):
            numbers_row = r
            r += 1
        block = _Block(header, numbers_row)
        while r < n and not _is_header_row(grid, r):
            block.body_rows.append(r)
            r += 1
        if block.header_rows or block.body_rows:
            blocks.append(block)
    return blocks


# -- columns ---------------------------------------------------------------------------------


def _header_path(grid: _Grid, rows: list[int], c: int) -> list[str]:
    path: list[str] = []
    previous: Cell | None = None
    for r in rows:
        cell = grid.origin(r, c)
        if cell is not None and cell is not previous and cell.text.strip():
            path.append(" ".join(cell.text.split()))
        previous = cell
    return path


def _columns(grid: _Grid, block: _Block, report_year: int | None) -> list[Column]:
    columns: list[Column] = []
    last_bottom: Cell | None = None
    for c in range(grid.table.n_cols):
        bottom = grid.origin(block.header_rows[-1], c)
        if bottom is not None and bottom is last_bottom:
            continue  # the same header cell spans this column too: one column of meaning
        last_bottom = bottom
        path = _header_path(grid, block.header_rows, c)
        if not path:
            continue
        matched = match_role(path[-1])
        if matched is None:
            columns.append(Column(role="extra", index=c, header=path))
            continue
        role = matched[0]
        upper = path[:-1]
        if any(is_group_label(label, BUDGET_GROUP) for label in upper) or re.search(
            r"\(\s*rp\s*\)", path[-1], re.IGNORECASE
        ):
            role = {"realisasi": "realisasi_anggaran", "capaian": "serapan",
                    "target": "pagu"}.get(role, role)
        years = [int(y) for label in path for y in YEAR.findall(label)]
        number = None
        if block.column_numbers_row is not None:
            m = COLUMN_NUMBER.match(grid.text(block.column_numbers_row, c))
            number = int(m.group(1)) if m else None
        columns.append(Column(role=role, index=c, header=path, number=number,
                              year=years[-1] if years else None))
    _assign_budget_by_position(columns)
    _resolve_years(columns, report_year)
    _demote_duplicates(columns)
    return columns


def _assign_budget_by_position(columns: list[Column]) -> None:
    """In a flat header, Realisasi / Capaian right after Pagu describe the budget."""
    last_pagu = last_target = -1
    for i, col in enumerate(columns):
        if col.role == "pagu":
            last_pagu = i
        elif col.role == "target":
            last_target = i
        elif last_pagu > last_target and len(col.header) == 1:
            col.role = {"realisasi": "realisasi_anggaran", "capaian": "serapan"}.get(
                col.role, col.role)


def _resolve_years(columns: list[Column], report_year: int | None) -> None:
    """Multi-year groups: the report year's columns keep their role; others become history."""
    years = {c.year for c in columns if c.year and c.role in QUANTITY_ROLES}
    if len(years) < 2:
        return
    current = report_year if report_year in years else max(years)
    for col in columns:
        if col.year and col.year != current and col.role in QUANTITY_ROLES:
            col.role = f"history:{col.role}"


def _demote_duplicates(columns: list[Column]) -> None:
    seen: set[str] = set()
    for col in columns:
        if col.role in seen and not col.role.startswith("history:") and col.role != "extra":
            col.role = "extra"
        seen.add(col.role)


def _kind(roles: set[str]) -> ViewKind | None:
    if "rumus" in roles:
        return ViewKind.FORMULA
    if "strategi" in roles:
        return ViewKind.STRATEGY
    if "pagu" in roles:
        return ViewKind.COST if ({"target", "capaian", "realisasi"} & roles) else ViewKind.BUDGET
    if "target" in roles and ({"realisasi", "capaian"} & roles):
        return ViewKind.CAPAIAN
    if "target" in roles and ({"indikator", "sasaran"} & roles):
        return ViewKind.PERJANJIAN_KINERJA
    return None


# -- rows ------------------------------------------------------------------------------------


@dataclass
class _RowDraft:
    grid_rows: list[int]
    texts: dict[int, list[str]]  # grid column -> text parts (one per grid row)
    origins: dict[int, Cell | None]
    kind: RowKind = RowKind.DATA


def _summary_kind(grid: _Grid, r: int, key_col: int | None) -> tuple[RowKind, Cell] | None:
    """JUMLAH / Total / Rata-rata rows: a short label and no item number of their own."""
    if key_col is not None and COLUMN_NUMBER.match(grid.text(r, key_col)):
        return None  # "2 | Rata-rata persentase desa …" is an indicator, not an average
    for cell in grid.row_origins(r)[:3]:
        m = SUMMARY_ROW.match(cell.text)
        if m and len(cell.text) <= 60:
            word = m.group("kind").lower()
            kind = RowKind.AVERAGE if word.startswith(("rata", "rerata")) else RowKind.TOTAL
            return kind, cell
    return None


def _is_complete_number(text: str) -> bool:
    return bool(COMPLETE_NUMBER.match(re.sub(r"\s+", "", text)))


def _drafts(grid: _Grid, block: _Block, columns: list[Column]) -> list[tuple[_RowDraft, Cell | None]]:
    by_role = {c.role: c.index for c in columns}
    key_col = by_role.get("number")
    ident_col = next((by_role[r] for r in IDENTITY_ROLES if r in by_role), None)
    drafts: list[tuple[_RowDraft, Cell | None]] = []
    for r in block.body_rows:
        origins = grid.row_origins(r)
        if not origins:
            continue
        summary = _summary_kind(grid, r, key_col)
        texts = {c: [grid.text(r, c)] for c in range(grid.table.n_cols)}
        row_origins = {c: grid.origin(r, c) for c in range(grid.table.n_cols)}
        if summary:
            drafts.append((_RowDraft([r], texts, row_origins, summary[0]), summary[1]))
            continue
        if len(origins) == 1 and origins[0].colspan >= max(2, grid.table.n_cols // 2):
            drafts.append((_RowDraft([r], texts, row_origins, RowKind.GROUP), origins[0]))
            continue
        previous = drafts[-1][0] if drafts and drafts[-1][0].kind is RowKind.DATA else None
        if previous and _continues(grid, r, previous, key_col, ident_col):
            _merge_into(previous, grid, r)
            continue
        drafts.append((_RowDraft([r], texts, row_origins), None))
    return drafts


def _continues(grid: _Grid, r: int, previous: _RowDraft, key_col: int | None,
               ident_col: int | None) -> bool:
    """Is row r the rest of the previous item (split by a page break, or a second line)?"""
    if key_col is None:
        return False
    last = previous.grid_rows[-1]
    key_origin = grid.origin(r, key_col)
    same_key = key_origin is not None and key_origin is grid.origin(last, key_col)
    if not (same_key or not grid.text(r, key_col)):
        return False
    if ident_col is not None:
        ident_text = grid.text(r, ident_col)
        if HIERARCHY_PREFIX.match(ident_text):
            return False
        if same_key and ident_text and grid.origin(r, ident_col) is not grid.origin(last, ident_col):
            return False  # several items under one merged number
    for c in range(grid.table.n_cols):
        mine, theirs = grid.origin(r, c), previous.origins.get(c)
        if mine is theirs or mine is None or theirs is None:
            continue
        if _is_complete_number(mine.text) and _is_complete_number("".join(previous.texts[c])):
            return False  # both rows carry a value of their own: two items
    return True


def _merge_into(draft: _RowDraft, grid: _Grid, r: int) -> None:
    draft.grid_rows.append(r)
    for c in range(grid.table.n_cols):
        cell = grid.origin(r, c)
        if cell is not None and cell is not draft.origins.get(c) and cell.text.strip():
            if not "".join(draft.texts[c]).strip():
                draft.origins[c] = cell
            draft.texts[c].append(cell.text.strip())


def _location(table: RawTable, draft: _RowDraft, c: int) -> Location:
    cell = draft.origins.get(c)
    return Location(
        table=table.index,
        row=draft.grid_rows[0],
        column=c,
        page=cell.page if cell else None,
        bbox=cell.bbox if cell else None,
    )


def _joined_text(parts: list[str], role: str = "") -> str:
    """Cell text with wrapping undone. A formula keeps one line per grid row (numerator,
    denominator); a strategy cell keeps one line per numbered item."""
    if role == "rumus":
        return "\n".join(" ".join(p.split()) for p in parts if p.strip())
    text = " ".join(" ".join(p.split()) for p in parts if p.strip())
    if role == "strategi":
        text = LIST_ITEM_START.sub("\n", text).strip()
    return text


def _level(number: str | None, ident: str) -> int | None:
    if number and re.fullmatch(r"\d+(\.\d+)*\.?", number.strip()):
        return number.strip().rstrip(".").count(".")
    m = HIERARCHY_PREFIX.match(ident)
    if m:
        word = m.group(1).lower().replace(" ", "").replace("-", "")
        return {"program": 0, "kegiatan": 1, "subkegiatan": 2}[word]
    return None


def _build_rows(grid: _Grid, block: _Block, columns: list[Column],
                styles: dict[int, NumberStyle]) -> list[ViewRow]:
    rows: list[ViewRow] = []
    for draft, label_cell in _drafts(grid, block, columns):
        row = ViewRow(kind=draft.kind, grid_rows=draft.grid_rows)
        if label_cell is not None:
            row.label = Text(text=" ".join(label_cell.text.split()),
                             loc=_location(grid.table, draft, label_cell.col))
        for col in columns:
            parts = draft.texts.get(col.index, [])
            if not "".join(parts).strip():
                continue
            if label_cell is not None and draft.origins.get(col.index) is label_cell:
                continue
            loc = _location(grid.table, draft, col.index)
            _set_field(row, col, parts, loc, styles.get(col.index))
        _apply_satuan(row)
        rows.append(row)
    _assign_hierarchy(rows)
    return rows


def _set_field(row: ViewRow, col: Column, parts: list[str], loc: Location,
               style: NumberStyle | None) -> None:
    role = col.role
    base_role = role.split(":", 1)[1] if role.startswith("history:") else role
    if base_role in QUANTITY_ROLES:
        quantity = _quantity("\n".join(parts), col, style, loc)
        if role.startswith("history:") and col.year:
            row.years.setdefault(col.year, {})[base_role] = quantity
        else:
            setattr(row, role, quantity)
            if col.year:
                row.years.setdefault(col.year, {})[role] = quantity
    elif role == "number":
        row.number = _joined_text(parts)
    elif role in TEXT_ROLES:
        setattr(row, role, Text(text=_joined_text(parts, role), loc=loc))
    else:
        row.extra[col.label] = Text(text=_joined_text(parts), loc=loc)


def _quantity(text: str, col: Column, style: NumberStyle | None, loc: Location) -> Quantity:
    percent = col.role in PERCENT_ROLES or any("%" in h for h in col.header)
    quantity = parse_quantity(text, style=style, percent_column=percent)
    update: dict[str, object] = {"loc": loc}
    if quantity.unit is Unit.NONE and quantity.value is not None and col.role in MONEY_ROLES:
        update["unit"] = Unit.RUPIAH  # a budget column: rupiah even where "Rp" is not printed
    return quantity.model_copy(update=update)


def _apply_satuan(row: ViewRow) -> None:
    """`%` in the Satuan column makes the row's target and realisation percentages."""
    if row.satuan is None or row.satuan.text.strip() not in ("%", "persen", "Persen"):
        return
    for name in ("target", "realisasi"):
        quantity = getattr(row, name)
        if quantity is not None and quantity.unit is Unit.NONE and quantity.value is not None:
            setattr(row, name, quantity.model_copy(update={"unit": Unit.PERCENT}))


def _assign_hierarchy(rows: list[ViewRow]) -> None:
    levels = [(_level(r.number, r.name.text if r.name else "") if r.kind is RowKind.DATA else None)
              for r in rows]
    if len({lv for lv in levels if lv is not None}) < 2:
        return  # flat table
    stack: dict[int, int] = {}
    for i, (row, level) in enumerate(zip(rows, levels)):
        if level is None:
            continue
        row.level = level
        row.parent = stack.get(level - 1) if level > 0 else None
        stack[level] = i
        for deeper in [lv for lv in stack if lv > level]:
            del stack[deeper]


# -- views -----------------------------------------------------------------------------------


def _header_formulas(grid: _Grid, block: _Block) -> list[HeaderFormula]:
    formulas: list[HeaderFormula] = []
    seen: list[Cell] = []
    for r in block.header_rows:
        for c in range(grid.table.n_cols):
            cell = grid.origin(r, c)
            if cell is None or any(cell is s for s in seen):
                continue
            seen.append(cell)
            m = FORMULA.search(cell.text)
            if m:
                op = {":": "/", "×": "x", "*": "x"}.get(m.group(3), m.group(3))
                formulas.append(HeaderFormula(
                    raw=m.group(0), column=c, result=int(m.group(1)),
                    numerator=int(m.group(2)), denominator=int(m.group(4)), operator=op))
    return formulas


def _column_styles(grid: _Grid, block: _Block, columns: list[Column]) -> dict[int, NumberStyle]:
    styles: dict[int, NumberStyle] = {}
    for col in columns:
        if col.role.split(":")[-1] in QUANTITY_ROLES:
            texts = [grid.text(r, col.index) for r in block.body_rows if grid.text(r, col.index)]
            styles[col.index] = column_style(texts)
    return styles


def _capaian_as_realisasi(columns: list[Column], notes: list[str]) -> None:
    """A table with Target and Capaian but no Realisasi prints the realisation as Capaian."""
    roles = {c.role for c in columns}
    if "target" in roles and "capaian" in roles and "realisasi" not in roles and "pagu" not in roles:
        for col in columns:
            if col.role == "capaian" and not any("%" in h for h in col.header):
                col.role = "realisasi"
                notes.append(f"column '{col.label}' holds the realisation (no Realisasi column)")


def table_views(table: RawTable, report_year: int | None = None,
                inherited: list[Column] | None = None) -> list[TableView]:
    """Typed views of one raw table; ``inherited`` columns apply to a headerless table that
    continues the previous one."""
    grid = _Grid.of(table)
    views: list[TableView] = []
    for block in _split_blocks(grid):
        notes: list[str] = []
        if block.header_rows:
            columns = _columns(grid, block, report_year)
            _capaian_as_realisasi(columns, notes)
        elif inherited is not None:
            columns = inherited
            notes.append("header inherited from the previous table")
        elif views:
            columns = views[-1].columns
        else:
            continue
        kind = _kind({c.role for c in columns})
        if kind is None or not block.body_rows:
            continue
        rows = _build_rows(grid, block, columns, _column_styles(grid, block, columns))
        previous = views[-1] if views else None
        if previous and previous.kind is kind and _same_roles(previous.columns, columns):
            previous.rows.extend(rows)  # the header repeated: the same table goes on
            previous.header_rows.extend(block.header_rows)
            continue
        views.append(TableView(
            kind=kind, table=table.index, caption=table.caption, columns=columns,
            header_rows=list(block.header_rows), column_numbers_row=block.column_numbers_row,
            header_formulas=_header_formulas(grid, block), rows=rows, notes=notes,
        ))
    return views


def _same_roles(a: list[Column], b: list[Column]) -> bool:
    roles_a = {c.role for c in a if c.role != "extra"}
    roles_b = {c.role for c in b if c.role != "extra"}
    return roles_a == roles_b
