"""The one place that reads and writes YAML: safe loading that keeps line numbers.

Input is bounded (see "Limits on input" in the README): a file of at most MAX_BYTES, nested at
most MAX_DEPTH deep, whose aliases (`*name`) expand to at most MAX_NODES values (a few hundred
bytes of aliases can stand for gigabytes), with no control characters in text, and numbers and
dates that Python can hold. Every refusal is a `file:line: message`, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from pipeline_cli.errors import PipelineError
from pipeline_cli.pack.plaintext import control_problem

try:  # the C loader is several times faster when libyaml is present
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_BOOL = "tag:yaml.org,2002:bool"
MAX_BYTES = 10_000_000
MAX_DEPTH = 40
MAX_NODES = 1_000_000  # what a file may expand to, aliases (*name) counted in full
MAX_DIGITS = 100  # no count, year or version in a pack or answers file comes near this


class LDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list[Any]):
    """A sequence that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Loader(_BaseLoader):
    """Safe loader with YAML 1.2 booleans: `yes`/`no`/`on`/`off` stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    out = LDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)  # keys are names; a number or date key is read as its text
        line = key_node.start_mark.line + 1
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _refuse(node: yaml.Node, problem: str) -> None:
    raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _scalar(kind: str, base: Any) -> Any:
    """A constructor that turns Python's ValueError (2026-13-01, a 5,000-digit number) into a
    located YAML error."""

    def construct(loader: _Loader, node: yaml.ScalarNode) -> Any:
        text = str(node.value)
        if kind in ("int", "float") and len(re.sub(r"[^0-9]", "", text)) > MAX_DIGITS:
            _refuse(node, f"the number {text[:20]}... has more than {MAX_DIGITS} digits")
        if kind == "str":
            problem = control_problem(text)
            if problem:
                _refuse(node, f"the text {problem}; remove it")
        try:
            return base(loader, node)
        except (ValueError, OverflowError) as exc:
            shown = text if len(text) <= 40 else text[:40] + "..."
            _refuse(node, f"{shown!r} is not a valid {kind}: {exc}")

    return construct


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
for _kind, _tag, _base in (
    ("int", "tag:yaml.org,2002:int", yaml.constructor.SafeConstructor.construct_yaml_int),
    ("float", "tag:yaml.org,2002:float", yaml.constructor.SafeConstructor.construct_yaml_float),
    (
        "date",
        "tag:yaml.org,2002:timestamp",
        yaml.constructor.SafeConstructor.construct_yaml_timestamp,
    ),
    ("str", "tag:yaml.org,2002:str", yaml.constructor.SafeConstructor.construct_yaml_str),
):
    _Loader.add_constructor(_tag, _scalar(_kind, _base))


def _located(construct: Any) -> Any:
    """Any constructor's Python error (`!!timestamp x`, `!!bool maybe`) as a located one."""

    def located(loader: _Loader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError):
            kind = str(node.tag).rsplit(":", 1)[-1]
            text = str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else ""
            _refuse(node, f"{text!r} is not a valid {kind}" if text else f"not a valid {kind}")

    return located


_Loader.yaml_constructors = {tag: _located(fn) for tag, fn in _Loader.yaml_constructors.items()}


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_tree(root: yaml.Node) -> None:
    """Bound what aliases expand to, and the nesting depth, before anything is built.

    Iterative, and linear in the nodes written: an alias is counted by the size it stands for
    (memoised), so `*name` reused a few times is fine and a "billion laughs" is refused.
    """
    size: dict[int, int] = {}  # id(node) -> nodes it expands to, once known
    open_: set[int] = set()  # on the current path: meeting one again is a cycle
    todo: list[tuple[yaml.Node, bool]] = [(root, False)]
    while todo:
        node, children_done = todo.pop()
        key = id(node)
        if children_done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            if size[key] > MAX_NODES:
                _refuse(node, f"aliases (*name) here expand to more than {MAX_NODES:,} values")
            continue
        if key in size:
            continue
        if key in open_:
            _refuse(node, "a value that contains itself through an alias (*name)")
        open_.add(key)
        if len(open_) > MAX_DEPTH:
            _refuse(node, f"nested more than {MAX_DEPTH} levels deep")
        todo.append((node, True))
        todo.extend((c, False) for c in _children(node) if id(c) not in size)


class YamlSyntaxError(PipelineError):
    """A file that is not valid YAML; the message is `file:line: problem`."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{path}:{line}: {problem}")


def loads(text: str, path: Path | str) -> Any:
    """Parse YAML text safely; errors name the file and line."""
    if len(text) > MAX_BYTES:
        raise YamlSyntaxError(path, 1, f"larger than {MAX_BYTES // 1_000_000} MB; not read")
    loader = _Loader(text)  # derives from the safe loader
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_tree(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}"
        raise YamlSyntaxError(path, line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(path, 1, f"invalid YAML: {exc}") from None
    except RecursionError:  # a mapping key nested inside keys, and the like
        raise YamlSyntaxError(path, 1, "invalid YAML: nested too deeply") from None
    except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as exc:
        raise YamlSyntaxError(path, 1, f"invalid YAML: {exc}") from None  # a late constructor
    finally:
        loader.dispose()


def load(path: Path) -> Any:
    """Read and parse one YAML file."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise YamlSyntaxError(path, 1, f"larger than {MAX_BYTES // 1_000_000} MB; not read")
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlSyntaxError(path, 1, "not UTF-8 text; save the file as UTF-8") from None
    except OSError as exc:
        raise PipelineError(f"{path}: cannot read: {exc.strerror}") from None
    return loads(text, path)


def dumps(data: Any) -> str:
    """Serialise plain data (dicts, lists, strings) as block-style YAML."""
    return str(yaml.dump(data, Dumper=_BaseDumper, allow_unicode=True, sort_keys=False, width=100))
