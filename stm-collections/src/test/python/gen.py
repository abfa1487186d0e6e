#!/usr/bin/env python3
"""Generates the CPython differential corpus for TList, TDict and TSet.

Every case is an initial collection plus a sequence of operations, named as in the Java API
(SPEC.md).  The script runs each operation on a real CPython list / dict / set and records what
CPython answered -- the result, or the exception type and its exact message -- and the whole
state after the operation.  The Java test ``DifferentialCorpusTest`` replays the same operations
on TList / TDict / TSet and asserts they answer the same.

Output (one JSON object per line, one case per line, ``#`` lines are comments):

    ../resources/corpus/list.jsonl, dict.jsonl, set.jsonl

Determinism: a fixed seed per type, no hash-order dependence (sets are recorded sorted, see
``set_key``), ``json.dumps`` with fixed separators.  ``python3 gen.py`` rewrites the corpus
byte-identically (for the CPython version named in the header; messages can differ between
CPython versions, e.g. ``list.index`` changed its message in 3.13).  ``python3 gen.py --check``
regenerates in memory and fails if the committed files differ.

Encoding of values: int, str, None (Java null), bool (results only), lists.  Special argument
objects: ``{"$self": true}`` is the collection under test itself (``l.extend(l)``);
``{"$pairs": [[k, v], ...]}`` is an ordered mapping argument (``d.update(...)``), with
``"$as": "TDict"`` another TDict; ``{"$items": [...], "$as": "TList" | "TSet"}`` is an iterable
argument that is another TList / TSet (CPython gets a list / set).

An operation record is ``{"op", "args", "ok" | ("error", "message"), "state"}``; a set ``pop`` on
a set of two or more elements (CPython's choice is arbitrary) is recorded as
``{"op": "pop", "args": [], "okAnyOf": [...], "stateRemovesResult": true}`` and ends its case.

What is left out on purpose (Java differs by design, see SPEC "Where Python and Java meet"):
operations CPython answers with TypeError (unorderable sort, unhashable keys) and negative
``repeat`` counts (Python: empty list; TList: a clear exception).  Operations taken with their
Java contract rather than Python's are emulated (Python's own ``remove`` is ``removeItem``):
``TList.remove(Object)`` /
``TSet.remove(Object)`` / ``TSet.add`` return booleans, ``TDict.put`` and ``TDict.remove``
return the previous value (``None`` when absent).
"""

import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'corpus'))

INT_MIN = -2 ** 31
INT_MAX = 2 ** 31 - 1


class Self:
    """Placeholder for "the collection under test" in an argument list."""

    def __repr__(self):
        return 'SELF'


SELF = Self()


class Pairs:
    """An ordered mapping argument, recorded as {"$pairs": [[k, v], ...]} (a LinkedHashMap in
    Java), or with {"$as": "TDict"} as another TDict."""

    def __init__(self, pairs, tdict=False):
        self.pairs = [list(p) for p in pairs]
        self.tdict = tdict

    def as_dict(self):
        return dict((k, v) for k, v in self.pairs)


class Items:
    """An iterable argument that is another collection of the library, recorded as
    {"$items": [...], "$as": "TList" | "TSet"}; CPython gets a list or a set."""

    def __init__(self, items, kind):
        assert kind in ('TList', 'TSet'), kind
        self.items = list(items)
        self.kind = kind

    def value(self):
        return list(self.items) if self.kind == 'TList' else set(self.items)


def maybe_as(rng, items, kinds):
    """Sometimes passes an iterable argument as a TList / TSet instead of a plain list."""
    if rng.random() < 0.25:
        return Items(items, rng.choice(kinds))
    return items


# --------------------------------------------------------------------------------------------
# encoding

def set_key(v):
    """Canonical order of set members: None, then ints ascending, then strings ascending."""
    if v is None:
        return (0, 0, '')
    if isinstance(v, int):
        return (1, v, '')
    return (2, 0, v)


def canon_set(s):
    return sorted(s, key=set_key)


def enc_arg(a):
    if a is SELF:
        return {'$self': True}
    if isinstance(a, Pairs):
        return {'$pairs': a.pairs, '$as': 'TDict'} if a.tdict else {'$pairs': a.pairs}
    if isinstance(a, Items):
        return {'$items': enc_arg(a.items), '$as': a.kind}
    if isinstance(a, (list, tuple)):
        return [enc_arg(x) for x in a]
    check_scalar(a)
    return a


def check_scalar(v):
    if v is None or isinstance(v, bool):
        return
    if isinstance(v, int):
        assert INT_MIN <= v <= INT_MAX, v
        return
    if isinstance(v, str):
        # keep repr(v) == "'" + v + "'" so that Java can form the same KeyError message
        assert v.isalnum() and v.isascii(), v
        return
    raise AssertionError('unexpected value %r' % (v,))


def enc_result(v):
    if isinstance(v, (list, tuple)):
        return [enc_result(x) for x in v]
    check_scalar(v)
    return v


def error_record(exc, message):
    return {'error': exc, 'message': message}


# --------------------------------------------------------------------------------------------
# the operations, in Java terms, executed on CPython objects

def first_letter(s):
    return s[0]


def list_sort(l, key, rev):
    if key is None:
        l.sort(reverse=rev)
    elif key == 'first':
        l.sort(key=first_letter, reverse=rev)
    else:
        raise AssertionError(key)


def list_remove(l, x):
    if x in l:
        l.remove(x)
        return True
    return False


def list_repeat_in_place(l, n):
    l *= n


def list_set_item(l, i, x):
    l[i] = x


def list_del_item(l, i):
    del l[i]


def list_set_slice(l, a, b, c, it):
    l[a:b:c] = it


def list_del_slice(l, a, b, c):
    del l[a:b:c]


LIST_OPS = {
    'append': lambda l, x: l.append(x),
    'extend': lambda l, it: l.extend(it),
    'insert': lambda l, i, x: l.insert(i, x),
    'pop': lambda l, *i: l.pop(*i),
    'getItem': lambda l, i: l[i],
    'setItem': list_set_item,
    'delItem': list_del_item,
    'index': lambda l, x, *a: l.index(x, *a),
    'count': lambda l, x: l.count(x),
    'reverse': lambda l: l.reverse(),
    'sort': list_sort,
    'copy': lambda l: l.copy(),
    'len': len,
    'slice': lambda l, a, b, c: l[a:b:c],
    'setSlice': list_set_slice,
    'delSlice': list_del_slice,
    'remove': list_remove,
    'removeItem': lambda l, x: l.remove(x),
    'concat': lambda l, it: l + list(it),
    'repeat': lambda l, n: l * n,
    'repeatInPlace': list_repeat_in_place,
    'contains': lambda l, x: x in l,
    'clear': lambda l: l.clear(),
}


def items(d):
    return [[k, v] for k, v in d.items()]


def dict_put(d, k, v):
    prev = d.get(k)
    d[k] = v
    return prev


def dict_set_item(d, k, v):
    d[k] = v


def dict_del_item(d, k):
    del d[k]


def dict_update(d, other):
    d.update(other)


DICT_OPS = {
    'put': dict_put,
    'setItem': dict_set_item,
    'getItem': lambda d, k: d[k],
    'get': lambda d, k, *dflt: d.get(k, *dflt),
    'setdefault': lambda d, k, v: d.setdefault(k, v),
    'pop': lambda d, k, *dflt: d.pop(k, *dflt),
    'remove': lambda d, k: d.pop(k, None),
    'popitem': lambda d: list(d.popitem()),
    'update': dict_update,
    'delItem': dict_del_item,
    'keys': lambda d: list(d.keys()),
    'values': lambda d: list(d.values()),
    'items': items,
    'len': len,
    'clear': lambda d: d.clear(),
    'containsKey': lambda d, k: k in d,
    'fromkeys': lambda d, it, v: items(dict.fromkeys(it, v)),
    'union': lambda d, other: items(d | other),
    'copy': lambda d: items(d.copy()),
}


def set_add(s, x):
    added = x not in s
    s.add(x)
    return added


def set_remove(s, x):
    present = x in s
    s.discard(x)
    return present


SET_OPS = {
    'add': set_add,
    'discard': lambda s, x: s.discard(x),
    'remove': set_remove,
    'removeItem': lambda s, x: s.remove(x),
    'pop': lambda s: s.pop(),
    'contains': lambda s, x: x in s,
    'len': len,
    'clear': lambda s: s.clear(),
    'copy': lambda s: canon_set(s.copy()),
    'union': lambda s, *o: canon_set(s.union(*o)),
    'intersection': lambda s, *o: canon_set(s.intersection(*o)),
    'difference': lambda s, *o: canon_set(s.difference(*o)),
    'symmetricDifference': lambda s, o: canon_set(s.symmetric_difference(o)),
    'update': lambda s, *o: s.update(*o),
    'intersectionUpdate': lambda s, *o: s.intersection_update(*o),
    'differenceUpdate': lambda s, *o: s.difference_update(*o),
    'symmetricDifferenceUpdate': lambda s, o: s.symmetric_difference_update(o),
    'isSubset': lambda s, o: s.issubset(o),
    'isSuperset': lambda s, o: s.issuperset(o),
    'isDisjoint': lambda s, o: s.isdisjoint(o),
}

class Kind:
    """How one collection type is built, copied, snapshotted and operated on in CPython."""

    def __init__(self, name, ops, build, state):
        self.name = name
        self.ops = ops
        self.build = build
        self.state = state


LIST = Kind('list', LIST_OPS, list, lambda l: list(l))
DICT = Kind('dict', DICT_OPS, lambda init: dict((k, v) for k, v in init), items)
SET = Kind('set', SET_OPS, set, canon_set)


def resolve(arg, target):
    if arg is SELF:
        return target
    if isinstance(arg, Pairs):
        return arg.as_dict()
    if isinstance(arg, Items):
        return arg.value()
    if isinstance(arg, list):
        return [resolve(a, target) for a in arg]
    return arg


class CaseBuilder:
    """Runs operations one by one on a CPython collection and records the outcomes."""

    def __init__(self, kind, name, init):
        self.kind = kind
        self.name = name
        self.init = [list(p) for p in init] if kind is DICT else list(init)
        self.target = kind.build(init)
        self.ops = []
        self.closed = False

    def state(self):
        return self.kind.state(self.target)

    def size(self):
        return len(self.target)

    def do(self, op, *args):
        """Applies op; returns False (and records nothing) when CPython raised TypeError."""
        assert not self.closed, 'case already ended by a set pop'
        if self.kind is SET and op == 'pop' and len(self.target) > 1:
            before = canon_set(self.target)
            self.target.pop()
            self.ops.append({'op': 'pop', 'args': [], 'okAnyOf': enc_result(before),
                             'stateRemovesResult': True})
            self.closed = True
            return True
        # work on a copy: an operation that fails with TypeError may have changed CPython's object
        trial = self.kind.build(self.target.items() if self.kind is DICT else self.target)
        fn = self.kind.ops[op]
        call_args = [resolve(a, trial) for a in args]
        try:
            rec = {'ok': enc_result(fn(trial, *call_args))}
        except TypeError:
            return False
        except IndexError as e:
            rec = error_record('IndexError', str(e))
        except ValueError as e:
            rec = error_record('ValueError', str(e))
        except KeyError as e:
            # str(KeyError(arg)) is repr(arg), for a key and for a message alike
            rec = error_record('KeyError', str(e))
        self.target = trial
        record = {'op': op, 'args': enc_arg(list(args))}
        record.update(rec)
        record['state'] = enc_result(self.state())
        self.ops.append(record)
        return True

    def to_json(self):
        return {'name': self.name, 'init': enc_arg(self.init), 'ops': self.ops}


# --------------------------------------------------------------------------------------------
# value pools

EXTREMES = [INT_MIN, INT_MIN + 1, INT_MAX, INT_MAX - 1]
SMALL_STRS = ['a', 'b', 'c', 'd', 'e', 'x']


def small_index(rng, n):
    r = rng.random()
    if r < 0.04:
        return rng.choice(EXTREMES)
    if r < 0.85:
        return rng.randint(-n - 1, n + 1)
    return rng.randint(-n - 5, n + 5)


def slice_bound(rng, n):
    r = rng.random()
    if r < 0.3:
        return None
    if r < 0.33:
        return rng.choice(EXTREMES)
    return rng.randint(-n - 3, n + 3)


def slice_step(rng):
    r = rng.random()
    if r < 0.3:
        return None
    if r < 0.33:
        return rng.choice([INT_MIN, INT_MIN + 1, INT_MAX])
    if r < 0.38:
        return 0
    return rng.choice([1, 1, 2, 3, -1, -1, -2, -3, 4, -4])


class ListValues:
    """Element pools of one list case: 'mixed' (ints, strings, None), 'ints', or 'tagged' strings
    like "b7" (first letter = sort key, unique suffix = identity, so sort stability shows)."""

    def __init__(self, rng, domain):
        self.rng = rng
        self.domain = domain
        self.serial = 0

    def fresh(self):
        rng = self.rng
        if self.domain == 'ints':
            return rng.randint(-3, 9)
        if self.domain == 'tagged':
            self.serial += 1
            return rng.choice('abc') + str(self.serial)
        r = rng.random()
        if r < 0.15:
            return None
        if r < 0.6:
            return rng.randint(-2, 6)
        return rng.choice(SMALL_STRS)

    def probe(self, current):
        """A value to look for: mostly one that is present."""
        if current and self.rng.random() < 0.65:
            return self.rng.choice(current)
        return self.fresh()

    def seq(self, lo, hi):
        return [self.fresh() for _ in range(self.rng.randint(lo, hi))]


# --------------------------------------------------------------------------------------------
# list cases

LIST_WEIGHTS = [
    ('append', 5), ('extend', 3), ('insert', 6), ('pop', 7), ('getItem', 7), ('setItem', 5),
    ('delItem', 5), ('index', 6), ('count', 3), ('reverse', 2), ('sort', 4), ('copy', 1),
    ('len', 1), ('slice', 10), ('setSlice', 10), ('delSlice', 7), ('remove', 3), ('removeItem', 3), ('concat', 2),
    ('repeat', 2), ('repeatInPlace', 1), ('contains', 3), ('clear', 1),
]


def weighted(rng, table):
    total = sum(w for _, w in table)
    r = rng.randrange(total)
    for name, w in table:
        if r < w:
            return name
        r -= w
    raise AssertionError


def random_list_args(rng, vals, l, op):
    n = len(l)
    if op == 'append':
        return [vals.fresh()]
    if op in ('extend', 'concat'):
        return [SELF] if rng.random() < 0.12 else [maybe_as(rng, vals.seq(0, 4), ['TList'])]
    if op == 'insert':
        return [small_index(rng, n), vals.fresh()]
    if op == 'pop':
        return [] if rng.random() < 0.35 else [small_index(rng, n)]
    if op in ('getItem', 'delItem'):
        return [small_index(rng, n)]
    if op == 'setItem':
        return [small_index(rng, n), vals.fresh()]
    if op == 'index':
        x = vals.probe(l)
        k = rng.randint(0, 2)
        return [x] + [small_index(rng, n) for _ in range(k)]
    if op in ('count', 'remove', 'removeItem', 'contains'):
        return [vals.probe(l)]
    if op in ('reverse', 'copy', 'len', 'clear'):
        return []
    if op == 'sort':
        key = 'first' if vals.domain == 'tagged' and rng.random() < 0.75 else None
        return [key, rng.random() < 0.5]
    if op in ('slice', 'delSlice'):
        return [slice_bound(rng, n), slice_bound(rng, n), slice_step(rng)]
    if op == 'setSlice':
        a, b, c = slice_bound(rng, n), slice_bound(rng, n), slice_step(rng)
        if rng.random() < 0.1:
            return [a, b, c, SELF]
        if c not in (None, 1) and c != 0 and rng.random() < 0.7:
            # extended slice: usually the matching size, to get past the size check
            size = len(range(*slice(a, b, c).indices(n)))
            size = max(0, size + rng.choice([0, 0, 0, -1, 1]))
            return [a, b, c, maybe_as(rng, [vals.fresh() for _ in range(size)], ['TList'])]
        return [a, b, c, maybe_as(rng, vals.seq(0, 4), ['TList'])]
    if op in ('repeat', 'repeatInPlace'):
        return [rng.choice([0, 1, 1, 2, 3])]
    raise AssertionError(op)


def random_list_case(rng, idx):
    domain = rng.choice(['mixed', 'mixed', 'ints', 'tagged'])
    vals = ListValues(rng, domain)
    cb = CaseBuilder(LIST, 'random-%03d (%s)' % (idx, domain), vals.seq(0, 9))
    target = rng.randint(4, 14)
    while len(cb.ops) < target:
        if len(cb.target) > 40:
            cb.do('clear')
            continue
        op = weighted(rng, LIST_WEIGHTS)
        cb.do(op, *random_list_args(rng, vals, cb.target, op))
    return cb


def hand_list_cases():
    cases = []

    def case(name, init):
        cb = CaseBuilder(LIST, name, init)
        cases.append(cb)
        return cb

    # negative and out-of-range indices for every indexed operation
    for init in ([], ['a'], [1, None, 'c'], [0, 1, 2, 3, 4, 5]):
        n = len(init)
        idxs = list(range(-n - 2, n + 2)) + EXTREMES
        cb = case('getItem every index, len %d' % n, init)
        for i in idxs:
            cb.do('getItem', i)
        cb = case('setItem every index, len %d' % n, init)
        for i in idxs:
            cb.do('setItem', i, 'z%d' % (i % 10) if -99 < i < 99 else 'big')
        for i in idxs:
            cb2 = case('delItem(%d), len %d' % (i, n), init)
            cb2.do('delItem', i)
            cb2 = case('pop(%d), len %d' % (i, n), init)
            cb2.do('pop', i)
            cb2 = case('insert(%d), len %d' % (i, n), init)
            cb2.do('insert', i, 'new')
            cb2.do('getItem', 0)
            cb2.do('getItem', -1)
        cb = case('pop() until empty, len %d' % n, init)
        for _ in range(n + 2):
            cb.do('pop')
        cb = case('pop(0) until empty, len %d' % n, init)
        for _ in range(n + 2):
            cb.do('pop', 0)
        cb = case('pop(-1) until empty, len %d' % n, init)
        for _ in range(n + 2):
            cb.do('pop', -1)

    # every slice form, including negative steps and extreme bounds
    bounds = [None, -9, -5, -2, -1, 0, 1, 3, 5, 9, INT_MIN, INT_MAX]
    steps = [None, 1, 2, 3, -1, -2, -3, -7, 0, INT_MAX, INT_MIN, INT_MIN + 1]
    for init in ([], ['a'], [0, 1, 2, 3, 4], ['p', None, 2, 'q', 4, 5]):
        for c in steps:
            cb = case('slice every start/stop, step %s, len %d' % (c, len(init)), init)
            for a in bounds:
                for b in bounds:
                    cb.do('slice', a, b, c)

    # delSlice: every form, one case each on a 6-element list
    del_bounds = [None, -8, -2, 0, 1, 4, 8]
    for c in [None, 1, 2, -1, -2, 3, -3, 0, INT_MIN]:
        for a in del_bounds:
            for b in del_bounds:
                cb = case('delSlice(%s, %s, %s)' % (a, b, c), ['a', 'b', 'c', 'd', 'e', 'f'])
                cb.do('delSlice', a, b, c)

    # setSlice: regular (resizing) and extended (size must match) assignment
    base = [0, 1, 2, 3, 4, 5, 6]
    for a, b in [(None, None), (0, 0), (2, 5), (5, 2), (-3, None), (None, -3), (9, 12),
                 (-12, 1), (7, 7), (INT_MIN, INT_MAX)]:
        for k in range(0, 4):
            cb = case('setSlice(%s, %s, None) with %d items' % (a, b, k), base)
            cb.do('setSlice', a, b, None, ['n%d' % j for j in range(k)])
            cb = case('setSlice(%s, %s, 1) with %d items' % (a, b, k), base)
            cb.do('setSlice', a, b, 1, ['n%d' % j for j in range(k)])
    for a, b, c in [(None, None, 2), (1, None, 2), (None, None, -1), (None, None, -2),
                    (5, 1, -1), (5, 1, -2), (-1, None, -3), (None, -1, 3), (2, 3, 2),
                    (3, 2, 2), (3, 2, -2), (0, 7, 3), (None, None, INT_MAX),
                    (None, None, INT_MIN), (6, None, -7)]:
        size = len(range(*slice(a, b, c).indices(len(base))))
        for k in sorted({size, size + 1, max(0, size - 1), 0}):
            cb = case('extended setSlice(%s, %s, %s) with %d items (slice has %d)'
                      % (a, b, c, k, size), base)
            cb.do('setSlice', a, b, c, ['n%d' % j for j in range(k)])
    for c in (0,):
        cb = case('setSlice step 0', base)
        cb.do('setSlice', None, None, c, [])
        cb.do('setSlice', 1, 2, c, ['x'])
    cb = case('delSlice and slice step 0', base)
    cb.do('delSlice', None, None, 0)
    cb.do('slice', None, None, 0)
    cb.do('slice', 1, 1, 0)

    # the list as its own argument
    for init in ([], ['a'], ['a', 'b', 'c']):
        n = len(init)
        cb = case('extend, setSlice and concat with another TList, len %d' % n, init)
        cb.do('extend', Items(['t1', None], 'TList'))
        cb.do('setSlice', None, None, -1, Items(list(range(n + 2)), 'TList'))  # after extend: matches
        cb.do('setSlice', None, None, -1, Items(list(range(n + 3)), 'TList'))
        cb.do('setSlice', 0, 1, None, Items([], 'TList'))
        cb.do('concat', Items([7], 'TList'))
        cb = case('extend(self), len %d' % n, init)
        cb.do('extend', SELF)
        cb.do('extend', SELF)
        cb = case('concat(self), len %d' % n, init)
        cb.do('concat', SELF)
        for a, b, c in [(None, None, None), (None, None, -1), (1, 2, None), (0, 0, None),
                        (None, None, 1), (1, None, None), (None, None, 2), (-1, None, -1)]:
            cb = case('setSlice(%s, %s, %s, self), len %d' % (a, b, c, n), init)
            cb.do('setSlice', a, b, c, SELF)

    # sort: stability, also with reverse=True; natural order of ints and strings
    tagged = ['b1', 'a2', 'c3', 'a4', 'b5', 'a6', 'c7', 'b8', 'a9', 'c10']
    for rev in (False, True):
        cb = case('sort by first letter, stable, reverse=%s' % rev, tagged)
        cb.do('sort', 'first', rev)
        cb.do('sort', 'first', not rev)
        cb.do('sort', None, rev)
        cb = case('sort all-equal keys, reverse=%s' % rev, ['a1', 'a2', 'a3', 'a4'])
        cb.do('sort', 'first', rev)
        cb.do('reverse')
        cb.do('sort', 'first', rev)
        cb = case('sort ints, reverse=%s' % rev, [5, -1, 3, 3, 0, 9, -2, 3])
        cb.do('sort', None, rev)
        cb.do('append', 4)
        cb.do('sort', None, not rev)
        cb = case('sort empty and single, reverse=%s' % rev, [])
        cb.do('sort', None, rev)
        cb.do('append', 'a1')
        cb.do('sort', 'first', rev)
        cb = case('sort strings naturally, reverse=%s' % rev, ['pear', 'apple', 'fig', 'Zed', 'a'])
        cb.do('sort', None, rev)

    # index with start/stop windows (Python clamps them like slice bounds)
    data = ['a', 'b', 'a', None, 'b', 'a', 7]
    for x in ('a', 'b', None, 7, 'zz'):
        cb = case('index(%r) with windows' % (x,), data)
        cb.do('index', x)
        for s in (-9, -3, -1, 0, 1, 3, 6, 7, 9, INT_MIN, INT_MAX):
            cb.do('index', x, s)
            for e in (-9, -2, 0, 2, 5, 7, 10, INT_MAX, INT_MIN):
                cb.do('index', x, s, e)
        cb.do('count', x)
        cb.do('contains', x)
        cb.do('remove', x)
        cb.do('remove', x)
        cb.do('removeItem', x)
        cb.do('removeItem', x)

    # None elements
    cb = case('None elements', [None, 1, None, 'a'])
    for op, args in [('index', [None]), ('count', [None]), ('contains', [None]),
                     ('getItem', [0]), ('remove', [None]), ('index', [None]),
                     ('pop', [1]), ('remove', [None]), ('contains', [None]),
                     ('append', [None]), ('insert', [0, None]), ('count', [None]),
                     ('removeItem', [None]), ('removeItem', [None]), ('removeItem', [None])]:
        cb.do(op, *args)

    # concat / repeat / repeatInPlace / copy / clear / len
    for init in ([], [None], [1, 'a']):
        cb = case('repeat and concat, len %d' % len(init), init)
        for n in (0, 1, 2, 3):
            cb.do('repeat', n)
        cb.do('concat', [])
        cb.do('concat', ['x', None])
        cb.do('copy')
        cb.do('len')
        cb.do('repeatInPlace', 2)
        cb.do('repeatInPlace', 1)
        cb.do('len')
        cb.do('repeatInPlace', 0)
        cb.do('len')
        cb.do('extend', [1, 2])
        cb.do('clear')
        cb.do('clear')
        cb.do('len')
    return cases


# --------------------------------------------------------------------------------------------
# dict cases

class DictValues:
    def __init__(self, rng):
        self.rng = rng

    def key(self):
        r = self.rng.random()
        if r < 0.1:
            return None
        if r < 0.55:
            return self.rng.randint(0, 7)
        return self.rng.choice(SMALL_STRS)

    def value(self):
        r = self.rng.random()
        if r < 0.15:
            return None
        if r < 0.7:
            return self.rng.randint(-5, 20)
        return self.rng.choice(SMALL_STRS)

    def probe(self, d):
        if d and self.rng.random() < 0.6:
            return self.rng.choice(list(d))
        return self.key()

    def pairs(self, lo, hi):
        return Pairs([[self.key(), self.value()] for _ in range(self.rng.randint(lo, hi))],
                     tdict=self.rng.random() < 0.25)


DICT_WEIGHTS = [
    ('put', 6), ('setItem', 5), ('getItem', 6), ('get', 5), ('setdefault', 5), ('pop', 6), ('remove', 2),
    ('popitem', 4), ('update', 4), ('delItem', 6), ('keys', 2), ('values', 1), ('items', 2),
    ('len', 1), ('clear', 1), ('containsKey', 3), ('fromkeys', 1), ('union', 2), ('copy', 1),
]


def random_dict_args(rng, vals, d, op):
    if op in ('put', 'setItem', 'setdefault'):
        return [vals.probe(d), vals.value()]
    if op in ('getItem', 'delItem', 'containsKey', 'remove'):
        return [vals.probe(d)]
    if op in ('get', 'pop'):
        k = vals.probe(d)
        return [k] if rng.random() < 0.5 else [k, vals.value()]
    if op in ('update', 'union'):
        return [SELF] if rng.random() < 0.08 else [vals.pairs(0, 4)]
    if op == 'fromkeys':
        return [[vals.key() for _ in range(rng.randint(0, 4))], vals.value()]
    return []


def random_dict_case(rng, idx):
    vals = DictValues(rng)
    cb = CaseBuilder(DICT, 'random-%03d' % idx, vals.pairs(0, 7).pairs)
    target = rng.randint(4, 14)
    while len(cb.ops) < target:
        op = weighted(rng, DICT_WEIGHTS)
        cb.do(op, *random_dict_args(rng, vals, cb.target, op))
    return cb


def hand_dict_cases():
    cases = []

    def case(name, init):
        cb = CaseBuilder(DICT, name, init)
        cases.append(cb)
        return cb

    abc = [['a', 1], ['b', 2], ['c', 3]]
    cb = case('overwrite keeps the position', abc)
    cb.do('put', 'a', 10)
    cb.do('put', 'b', None)
    cb.do('put', 'c', 3)
    cb.do('items')
    cb.do('setItem', 'b', 'bb')
    cb.do('setItem', 'z', 26)
    cb.do('setItem', 'a', None)
    cb = case('delete then re-insert moves to the end', abc)
    cb.do('delItem', 'a')
    cb.do('put', 'a', 1)
    cb.do('pop', 'b')
    cb.do('delItem', 'c')
    cb.do('setItem', 'c', 33)
    cb.do('setdefault', 'b', 5)
    cb.do('keys')
    cb.do('values')
    cb = case('popitem is last-in first-out, then KeyError', abc)
    cb.do('put', 'd', 4)
    cb.do('put', 'b', 20)
    for _ in range(6):
        cb.do('popitem')
    cb.do('put', 'e', 5)
    cb.do('popitem')
    cb = case('popitem after re-insert', abc)
    cb.do('delItem', 'a')
    cb.do('put', 'a', 'again')
    cb.do('popitem')
    cb.do('popitem')

    none_init = [[None, None], [1, None], ['n', 0]]
    cb = case('None keys and values', none_init)
    for op, args in [('getItem', [None]), ('get', [None]), ('get', [None, 'd']),
                     ('get', [1, 'd']), ('containsKey', [None]), ('pop', [None]),
                     ('getItem', [None]), ('get', [None]), ('pop', [None, 'gone']),
                     ('delItem', [None]), ('setdefault', [None, None]), ('setdefault', [None, 5]),
                     ('put', [None, 'v']), ('setItem', [None, None]), ('popitem', []), ('remove', [1]), ('remove', [1]),
                     ('items', [])]:
        cb.do(op, *args)

    cb = case('KeyError messages are the repr of the key', [])
    for k in ('a', 3, None, 0, -1, 'None', 'x1', INT_MIN):
        cb.do('getItem', k)
        cb.do('pop', k)
        cb.do('delItem', k)
    cb.do('popitem')

    cb = case('update keeps old positions and appends new keys in order', abc)
    cb.do('update', Pairs([['c', 30], ['z', 26], ['a', 10], ['y', 25]]))
    cb.do('update', Pairs([]))
    cb.do('update', SELF)
    cb.do('union', Pairs([['b', None], ['q', 'q']]))
    cb.do('union', SELF)
    cb.do('items')
    cb = case('update of an empty dict', [])
    cb.do('update', Pairs([[None, 1], [2, None], ['s', 's']]))
    cb.do('update', SELF)
    cb.do('union', Pairs([]))
    cb = case('update and union with another TDict', abc)
    cb.do('update', Pairs([['c', 30], ['z', 26], [None, None]], tdict=True))
    cb.do('union', Pairs([['a', 'A'], ['w', 0]], tdict=True))
    cb.do('update', Pairs([], tdict=True))

    cb = case('setdefault and get defaults', abc)
    for op, args in [('setdefault', ['a', 99]), ('setdefault', ['z', None]), ('setdefault', ['z', 1]),
                     ('get', ['z', 1]), ('get', ['missing', 'dflt']), ('get', ['missing']),
                     ('pop', ['missing', None]), ('pop', ['missing', 7]), ('pop', ['z', 7])]:
        cb.do(op, *args)

    cb = case('fromkeys', [])
    cb.do('fromkeys', [], 1)
    cb.do('fromkeys', ['a', 'b', 'a', None, 3, 'b'], None)
    cb.do('fromkeys', [1, 2], 'v')

    cb = case('clear, len, copy', abc)
    for op in ('len', 'copy', 'clear', 'len', 'copy', 'popitem', 'clear', 'items'):
        cb.do(op)

    # delete / re-insert churn: order after many moves
    keys = ['k%d' % i for i in range(8)]
    rng = random.Random(7)
    for t in range(20):
        cb = case('churn %d: delete and re-insert' % t, [[k, i] for i, k in enumerate(keys)])
        for _ in range(10):
            k = rng.choice(keys)
            r = rng.random()
            if r < 0.35:
                cb.do('delItem', k)
            elif r < 0.55:
                cb.do('put', k, rng.randint(0, 9))
            elif r < 0.7:
                cb.do('setItem', k, rng.randint(0, 9))
            elif r < 0.85:
                cb.do('pop', k, None)
            else:
                cb.do('setdefault', k, -1)
        cb.do('popitem')
        cb.do('keys')
    return cases


# --------------------------------------------------------------------------------------------
# set cases

class SetValues:
    def __init__(self, rng):
        self.rng = rng

    def member(self):
        r = self.rng.random()
        if r < 0.08:
            return None
        if r < 0.6:
            return self.rng.randint(0, 9)
        return self.rng.choice(SMALL_STRS)

    def probe(self, s):
        if s and self.rng.random() < 0.6:
            return self.rng.choice(canon_set(s))
        return self.member()

    def iterable(self, s, lo=0, hi=5):
        # mix present members and fresh ones, duplicates allowed (any iterable, not a set)
        return [self.probe(s) for _ in range(self.rng.randint(lo, hi))]


SET_WEIGHTS = [
    ('add', 8), ('discard', 4), ('remove', 3), ('removeItem', 5), ('pop', 1), ('contains', 4),
    ('len', 1), ('clear', 1), ('copy', 1), ('union', 4), ('intersection', 4), ('difference', 4),
    ('symmetricDifference', 3), ('update', 4), ('intersectionUpdate', 4), ('differenceUpdate', 4),
    ('symmetricDifferenceUpdate', 3), ('isSubset', 3), ('isSuperset', 3), ('isDisjoint', 3),
]

VARARG_SET_OPS = {'union', 'intersection', 'difference', 'update', 'intersectionUpdate',
                  'differenceUpdate'}


def random_set_args(rng, vals, s, op):
    if op in ('add', 'discard', 'remove', 'removeItem', 'contains'):
        return [vals.probe(s)]
    if op in VARARG_SET_OPS:
        k = rng.choice([0, 1, 1, 1, 2, 3])
        return [SELF if rng.random() < 0.08 else maybe_as(rng, vals.iterable(s), ['TList', 'TSet'])
                for _ in range(k)]
    if op in ('symmetricDifference', 'symmetricDifferenceUpdate', 'isSubset', 'isSuperset',
              'isDisjoint'):
        return [SELF] if rng.random() < 0.08 else [maybe_as(rng, vals.iterable(s), ['TList', 'TSet'])]
    return []


def random_set_case(rng, idx):
    vals = SetValues(rng)
    cb = CaseBuilder(SET, 'random-%03d' % idx, [vals.member() for _ in range(rng.randint(0, 7))])
    target = rng.randint(4, 14)
    while len(cb.ops) < target and not cb.closed:
        op = weighted(rng, SET_WEIGHTS)
        if op == 'pop' and len(cb.target) > 1 and len(cb.ops) < target - 1:
            continue  # an arbitrary pop ends the case; keep it for the last operation
        cb.do(op, *random_set_args(rng, vals, cb.target, op))
    return cb


def hand_set_cases():
    cases = []

    def case(name, init):
        cb = CaseBuilder(SET, name, init)
        cases.append(cb)
        return cb

    cb = case('pop on one element, then empty', ['only'])
    cb.do('pop')
    cb.do('pop')
    cb.do('add', None)
    cb.do('pop')
    cb.do('pop')
    cb = case('pop on many elements (any member)', [1, 2, 'a', None])
    cb.do('pop')

    cb = case('removeItem KeyError messages', [1, 'a', None])
    for x in ('a', 'a', 1, 1, None, None, 'b', 0, INT_MAX):
        cb.do('removeItem', x)
    cb = case('add, discard, remove, contains with None', [])
    for op, x in [('add', None), ('add', None), ('contains', None), ('discard', None),
                  ('discard', None), ('add', 0), ('remove', 0), ('remove', 0), ('contains', 0),
                  ('add', 'a'), ('add', 'a'), ('len', None)]:
        if op == 'len':
            cb.do('len')
        else:
            cb.do(op, x)

    a = [1, 2, 3, 'a', None]
    b = [3, 4, 'a', 'b']
    for op in ('union', 'intersection', 'difference'):
        for j, args in enumerate(([], [b], [b, [1, 'z']], [[]], [SELF], [SELF, b], [b, b, [None]],
                                  [Items(b, 'TSet')], [Items(b, 'TList'), Items([1, None], 'TSet')])):
            cb = case('%s and in-place form, arguments #%d' % (op, j), a)
            cb.do(op, *args)
            cb.do(op + 'Update' if op != 'union' else 'update', *args)
    for op in ('symmetricDifference', 'symmetricDifferenceUpdate'):
        for j, arg in enumerate((b, [], SELF, [1, 1, 9, 9], [None, None], Items(b, 'TSet'),
                                 Items([None, 9, 9], 'TList'))):
            cb = case('%s, argument #%d' % (op, j), a)
            cb.do(op, arg)
            cb.do(op, arg)
    for init in ([], [1], [1, 2, None]):
        cb = case('subset/superset/disjoint, len %d' % len(init), init)
        for arg in ([], [1], [1, 2, None, 5], [2, 2], ['x'], SELF, [None], Items([1, 2, None], 'TSet'),
                    Items([1, 1], 'TList')):
            cb.do('isSubset', arg)
            cb.do('isSuperset', arg)
            cb.do('isDisjoint', arg)
    cb = case('empty set algebra', [])
    for op in ('union', 'intersection', 'difference', 'update', 'intersectionUpdate',
               'differenceUpdate'):
        cb.do(op, [])
        cb.do(op, SELF)
        cb.do(op, [1, None])
    cb.do('symmetricDifferenceUpdate', SELF)
    cb.do('symmetricDifferenceUpdate', [None, 'q'])
    cb.do('copy')
    cb.do('clear')
    cb.do('len')
    return cases


# --------------------------------------------------------------------------------------------

def build_all():
    out = {}
    for kind, seed, hand, rand, n_random in (
            (LIST, 31, hand_list_cases, random_list_case, 300),
            (DICT, 37, hand_dict_cases, random_dict_case, 300),
            (SET, 41, hand_set_cases, random_set_case, 300)):
        rng = random.Random(seed)
        cases = hand() + [rand(rng, i) for i in range(n_random)]
        for cb in cases:
            assert cb.ops, cb.name
        lines = ['# CPython differential corpus for T%s; generated by src/test/python/gen.py, do not edit.'
                 % kind.name.capitalize(),
                 '# Python %d.%d.%d; %d cases; see src/test/python/README.md.'
                 % (sys.version_info[:3] + (len(cases),))]
        names = set()
        for cb in cases:
            assert cb.name not in names, cb.name
            names.add(cb.name)
            lines.append(json.dumps(cb.to_json(), separators=(',', ':'), ensure_ascii=True))
        out[kind.name] = '\n'.join(lines) + '\n'
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--check', action='store_true',
                        help='regenerate in memory and fail if the committed corpus differs')
    opts = parser.parse_args()
    corpus = build_all()
    stale = []
    for name, text in corpus.items():
        path = os.path.join(OUT_DIR, name + '.jsonl')
        if opts.check:
            try:
                with open(path, encoding='ascii', newline='') as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        else:
            os.makedirs(OUT_DIR, exist_ok=True)
            with open(path, 'w', encoding='ascii', newline='\n') as f:
                f.write(text)
            print('%s: %d cases' % (path, text.count('\n') - 2))
    if stale:
        print('stale corpus (run python3 gen.py): ' + ', '.join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
