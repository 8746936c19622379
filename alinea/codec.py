"""The model as plain JSON values and back, exactly: `encode(value)` and `decode(type, value)`.

Any frozen dataclass of the model (or of graph/: glossary concepts, thesaurus entries) becomes a
JSON object of its fields, the fields still at their default left out; tuples become lists and
sets sorted lists.
`decode` reads the field types from the class's annotations, so a new field needs no code
here.  Data only: nothing in a stored value can name a class or run code, and a value that
does not fit the type raises `CodecError`.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Callable

Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}
_FIELDS: dict[type, list[tuple[str, Any]]] = {}
_MISSING = dataclasses.MISSING


class CodecError(ValueError):
    """A stored value that does not fit the type it is read as."""


def encode(value: Any) -> Any:
    """value as JSON-ready data (dicts, lists, strings, numbers, booleans, None)."""
    if dataclasses.is_dataclass(value):
        out = {}
        for f, default in _defaults(type(value)):
            v = getattr(value, f)
            if default is _MISSING or v != default:
                out[f] = encode(v)
        return out
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(encode(v) for v in value)
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def _defaults(cls: type) -> list[tuple[str, Any]]:
    """(field name, default or _MISSING) of a dataclass, in order (computed once per class)."""
    cached = _FIELDS.get(cls)
    if cached is None:
        cached = []
        for f in dataclasses.fields(cls):
            default = f.default if f.default is not _MISSING else (
                f.default_factory() if f.default_factory is not _MISSING else _MISSING)
            cached.append((f.name, default))
        _FIELDS[cls] = cached
    return cached


def decode(tp: Any, value: Any) -> Any:
    """value (as `encode` made it) read back as type tp; CodecError when it does not fit."""
    try:
        return decoder(tp)(value)
    except CodecError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise CodecError(f"not a stored {getattr(tp, '__name__', tp)}: {exc}") from None


def decoder(tp: Any) -> Decoder:
    """The function that reads a stored value of type tp (built once per type)."""
    found = _DECODERS.get(tp)
    if found is None:
        found = _DECODERS[tp] = _build(tp)
    return found


def _scalar(kind: type) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise CodecError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value
    return read


def _build(tp: Any) -> Decoder:
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"cannot decode {tp}")
        inner = decoder(rest[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] in _SCALARS:  # the same check without a call per item
            return lambda v: tuple(_scalars(args[0], _list(v)))
        item = decoder(args[0])
        return lambda v: tuple(item(x) for x in _list(v))
    if origin is tuple:
        items = [decoder(a) for a in args]

        def fixed(v: Any) -> tuple:
            v = _list(v)
            if len(v) != len(items):
                raise CodecError(f"expected {len(items)} items, got {len(v)}")
            return tuple(d(x) for d, x in zip(items, v))
        return fixed
    if origin is list:
        if args[0] in _SCALARS:
            return lambda v: list(_scalars(args[0], _list(v)))
        item = decoder(args[0])
        return lambda v: [item(x) for x in _list(v)]
    if origin in (set, frozenset):
        if args[0] in _SCALARS:
            return lambda v: origin(_scalars(args[0], _list(v)))
        item, kind = decoder(args[0]), origin
        return lambda v: kind(item(x) for x in _list(v))
    if origin is dict:
        if args[0] is str:  # JSON object keys are strings
            val = decoder(args[1])
            if args[1] in _SCALARS:
                return lambda v: dict(zip(_dict(v), _scalars(args[1], _dict(v).values())))
            return lambda v: {k: val(x) for k, x in _dict(v).items()}
        key, val = decoder(args[0]), decoder(args[1])
        return lambda v: {key(k): val(x) for k, x in _dict(v).items()}
    if tp in (str, int, float, bool):
        return _scalar(tp)
    if tp is Any:
        return lambda v: v
    raise TypeError(f"cannot decode {tp}")


_SCALARS = (str, int, float, bool)


def _scalars(kind: type, values) -> Any:
    """values, checked to be of a scalar kind (an int is a float too) in one pass."""
    if kind is float:
        ok = all(type(x) is float or type(x) is int for x in values)
    else:
        ok = all(type(x) is kind for x in values)
    if not ok:
        bad = next(x for x in values if type(x) is not kind and not (kind is float and type(x) is int))
        raise CodecError(f"expected {kind.__name__}, got {type(bad).__name__}")
    return values


def _list(v: Any) -> list:
    if not isinstance(v, list):
        raise CodecError(f"expected a list, got {type(v).__name__}")
    return v


def _dict(v: Any) -> dict:
    if not isinstance(v, dict):
        raise CodecError(f"expected an object, got {type(v).__name__}")
    return v


def _dataclass(cls: type) -> Decoder:
    fields: dict[str, Decoder] = {}

    def read(value: Any) -> Any:
        if not fields:
            hints = typing.get_type_hints(cls)
            fields.update({f.name: decoder(hints[f.name]) for f in dataclasses.fields(cls)})
        value = _dict(value)
        unknown = value.keys() - fields.keys()
        if unknown:
            raise CodecError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
        return cls(**{k: fields[k](v) for k, v in value.items()})
    return read
