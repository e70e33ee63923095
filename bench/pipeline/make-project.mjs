// Writes a small, realistic setuptools project into a folder: pyproject.toml,
// a flat layout with the package `benchpkg` (24 modules of real logic) and a
// tests/ folder (over 300 tests, parametrized and plain, a few skipped).
// The output depends on nothing but this file.
//
//   node bench/pipeline/make-project.mjs DIR
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const py = (value) => JSON.stringify(value)
const isPrime = (n) => {
  if (n < 2) return false
  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false
  return true
}
const gcd = (a, b) => (b === 0 ? Math.abs(a) : gcd(b, a % b))

// Six kinds of module, each written four times with its own constants: 24 modules.
const KINDS = {
  text: (i) => {
    const sep = i % 2 === 0 ? '-' : '_'
    const module = `"""Text helpers: slugs, word statistics and a small tokenizer."""
import re

SEPARATOR = ${py(sep)}
MAX_LENGTH = 20
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text, max_length=MAX_LENGTH):
    slug = _NON_WORD.sub(SEPARATOR, text.lower()).strip(SEPARATOR)
    if not slug:
        return "n" + SEPARATOR + "a"
    if len(slug) > max_length:
        cut = slug[:max_length]
        if SEPARATOR in cut:
            cut = cut.rsplit(SEPARATOR, 1)[0]
        slug = cut
    return slug


def word_counts(text):
    counts = {}
    for word in text.lower().split():
        word = word.strip(".,;:!?\\"'")
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def most_common(text, n=1):
    ranked = sorted(word_counts(text).items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:n]]


class Tokenizer:
    def __init__(self, keep_punctuation=False):
        self.keep_punctuation = keep_punctuation

    def tokenize(self, text):
        tokens, current = [], []
        for ch in text:
            if ch.isalnum():
                current.append(ch)
                continue
            if current:
                tokens.append("".join(current))
                current = []
            if self.keep_punctuation and not ch.isspace():
                tokens.append(ch)
        if current:
            tokens.append("".join(current))
        return tokens
`
    const s = (words) => words.join(sep)
    const slugs = [
      ['Hello World', s(['hello', 'world'])],
      ['  Leading and trailing  ', s(['leading', 'and', 'trailing'])],
      ['Already-slugged_text', s(['already', 'slugged', 'text'])],
      ['!!!', s(['n', 'a'])],
      ['a very long title that keeps going', s(['a', 'very', 'long', 'title'])],
      ['Version 2.0 released', s(['version', '2', '0', 'released'])],
      ['CamelCaseWord', 'camelcaseword'],
    ]
    const tests = `import sys

import pytest

from benchpkg.text${i} import Tokenizer, most_common, slugify, word_counts


@pytest.mark.parametrize(("text", "expected"), ${py(slugs)})
def test_slugify(text, expected):
    assert slugify(text) == expected


def test_slugify_respects_a_short_limit():
    assert len(slugify("one two three four", max_length=7)) <= 7


def test_word_counts_ignores_case_and_punctuation():
    assert word_counts("The cat. the CAT, a dog!") == {"the": 2, "cat": 2, "a": 1, "dog": 1}


def test_word_counts_of_nothing():
    assert word_counts("   ") == {}


@pytest.mark.parametrize(("n", "expected"), [(1, ["b"]), (2, ["b", "a"]), (5, ["b", "a", "c"])])
def test_most_common(n, expected):
    assert most_common("a b b c a b", n) == expected


@pytest.mark.parametrize(
    ("keep", "expected"),
    [(False, ["x", "1", "yz"]), (True, ["x", "=", "1", ";", "yz", "!"])],
)
def test_tokenizer(keep, expected):
    assert Tokenizer(keep_punctuation=keep).tokenize("x = 1; yz!") == expected


@pytest.mark.skipif(sys.version_info < (4, 0), reason="needs a Python that does not exist yet")
def test_unicode_slugs():
    assert slugify("Ünïcödé") == "unicode"
`
    return { module, tests }
  },

  numbers: (i) => {
    const offset = 10 + i * 17
    const module = `"""Number helpers: clamping, divisors, primes and running statistics."""
import math

OFFSET = ${offset}


def clamp(value, low, high):
    if low > high:
        raise ValueError("low must not exceed high")
    if value < low:
        return low
    if value > high:
        return high
    return value


def gcd(a, b):
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def lcm(a, b):
    if a == 0 or b == 0:
        return 0
    return abs(a * b) // gcd(a, b)


def is_prime(n):
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0:
        return False
    i = 3
    while i * i <= n:
        if n % i == 0:
            return False
        i += 2
    return True


def primes_between(low, high):
    return [n for n in range(low, high) if is_prime(n)]


class RunningStats:
    def __init__(self):
        self.count = 0
        self._mean = 0.0
        self._m2 = 0.0
        self.minimum = None
        self.maximum = None

    def push(self, x):
        self.count += 1
        delta = x - self._mean
        self._mean += delta / self.count
        self._m2 += delta * (x - self._mean)
        if self.minimum is None or x < self.minimum:
            self.minimum = x
        if self.maximum is None or x > self.maximum:
            self.maximum = x

    @property
    def mean(self):
        if self.count == 0:
            raise ValueError("no values")
        return self._mean

    @property
    def variance(self):
        return 0.0 if self.count < 2 else self._m2 / (self.count - 1)

    @property
    def stdev(self):
        return math.sqrt(self.variance)
`
    const primes = Array.from({ length: 12 }, (_, k) => [offset + k, isPrime(offset + k)])
    const pairs = [
      [12, 18],
      [offset, offset * 3],
      [17, 5],
      [0, 9],
      [-24, 36],
    ].map(([a, b]) => [a, b, gcd(a, b)])
    const tests = `import pytest

from benchpkg.numbers${i} import OFFSET, RunningStats, clamp, gcd, is_prime, lcm, primes_between


@pytest.mark.parametrize(("n", "expected"), ${py(primes).replace(/true/g, 'True').replace(/false/g, 'False')})
def test_is_prime(n, expected):
    assert is_prime(n) is expected


@pytest.mark.parametrize(("a", "b", "expected"), ${py(pairs)})
def test_gcd(a, b, expected):
    assert gcd(a, b) == expected


@pytest.mark.parametrize(("value", "expected"), [(-5, 0), (0, 0), (5, 5), (10, 10), (11, 10)])
def test_clamp(value, expected):
    assert clamp(value, 0, 10) == expected


def test_clamp_rejects_an_empty_range():
    with pytest.raises(ValueError):
        clamp(1, 5, 0)


def test_lcm():
    assert lcm(4, 6) == 12
    assert lcm(0, OFFSET) == 0


def test_primes_between():
    assert primes_between(0, 20) == [2, 3, 5, 7, 11, 13, 17, 19]


def test_running_stats():
    stats = RunningStats()
    for x in (2, 4, 4, 4, 5, 5, 7, 9):
        stats.push(x)
    assert stats.mean == pytest.approx(5.0)
    assert stats.variance == pytest.approx(32 / 7)
    assert (stats.minimum, stats.maximum) == (2, 9)


def test_running_stats_empty():
    stats = RunningStats()
    assert stats.variance == 0.0
    with pytest.raises(ValueError):
        stats.mean
`
    return { module, tests }
  },

  ledger: (i) => {
    const percent = [1, 2, 3, 5][i]
    const module = `"""A tiny ledger: accounts, fees, transfers and a summary."""

FEE_PERCENT = ${percent}
FREE_LIMIT = 100


class InsufficientFunds(Exception):
    def __init__(self, owner, needed, available):
        super().__init__(f"{owner} needs {needed} but has {available}")
        self.needed = needed
        self.available = available


def fee_for(amount):
    if amount <= FREE_LIMIT:
        return 0
    return (amount - FREE_LIMIT) * FEE_PERCENT // 100


class Account:
    def __init__(self, owner, balance=0):
        if balance < 0:
            raise ValueError("an account cannot open below zero")
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("a deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self.balance

    def withdraw(self, amount):
        if amount <= 0:
            raise ValueError("a withdrawal must be positive")
        total = amount + fee_for(amount)
        if total > self.balance:
            raise InsufficientFunds(self.owner, total, self.balance)
        self.balance -= total
        self.history.append(("withdraw", total))
        return self.balance

    def transfer(self, other, amount):
        if other is self:
            raise ValueError("cannot transfer to the same account")
        self.withdraw(amount)
        other.deposit(amount)


def summarize(accounts):
    if not accounts:
        return {"total": 0, "largest": None, "count": 0}
    largest = max(accounts, key=lambda a: (a.balance, a.owner))
    return {"total": sum(a.balance for a in accounts), "largest": largest.owner, "count": len(accounts)}
`
    const fees = [0, 50, 100, 101, 200, 1000, 12345].map((a) => [
      a,
      a <= 100 ? 0 : Math.floor(((a - 100) * percent) / 100),
    ])
    const tests = `import pytest

from benchpkg.ledger${i} import Account, InsufficientFunds, fee_for, summarize


@pytest.mark.parametrize(("amount", "expected"), ${py(fees)})
def test_fee_for(amount, expected):
    assert fee_for(amount) == expected


@pytest.mark.parametrize("amount", [0, -1, -100])
def test_deposit_must_be_positive(amount):
    with pytest.raises(ValueError):
        Account("ann").deposit(amount)


def test_deposit_then_withdraw():
    account = Account("ann", 50)
    account.deposit(50)
    assert account.withdraw(30) == 70
    assert account.history == [("deposit", 50), ("withdraw", 30)]


def test_overdraw():
    with pytest.raises(InsufficientFunds) as info:
        Account("bob", 10).withdraw(20)
    assert info.value.needed == 20


def test_transfer():
    a, b = Account("a", 500), Account("b")
    a.transfer(b, 100)
    assert (a.balance, b.balance) == (400, 100)


def test_transfer_to_self():
    a = Account("a", 10)
    with pytest.raises(ValueError):
        a.transfer(a, 1)


def test_negative_opening_balance():
    with pytest.raises(ValueError):
        Account("x", -1)


def test_summarize():
    assert summarize([Account("a", 5), Account("b", 7)]) == {"total": 12, "largest": "b", "count": 2}
    assert summarize([])["largest"] is None
`
    return { module, tests }
  },

  grid: (i) => {
    const wall = '#x@%'[i]
    const module = `"""A character grid: bounds, neighbours and flood fill."""
from collections import deque

WALL = ${py(wall)}


class Grid:
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        if not rows:
            raise ValueError("a grid needs at least one row")
        if any(len(row) != len(rows[0]) for row in rows):
            raise ValueError("rows must have the same length")
        self.rows = rows

    @property
    def height(self):
        return len(self.rows)

    @property
    def width(self):
        return len(self.rows[0])

    def in_bounds(self, r, c):
        return 0 <= r < self.height and 0 <= c < self.width

    def neighbors(self, r, c, diagonal=False):
        steps = [(-1, 0), (1, 0), (0, -1), (0, 1)]
        if diagonal:
            steps += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
        return [(r + dr, c + dc) for dr, dc in steps if self.in_bounds(r + dr, c + dc)]

    def count(self, ch):
        return sum(row.count(ch) for row in self.rows)

    def region_size(self, r, c):
        if not self.in_bounds(r, c) or self.rows[r][c] == WALL:
            return 0
        seen = {(r, c)}
        queue = deque([(r, c)])
        while queue:
            cr, cc = queue.popleft()
            for nr, nc in self.neighbors(cr, cc):
                if (nr, nc) not in seen and self.rows[nr][nc] != WALL:
                    seen.add((nr, nc))
                    queue.append((nr, nc))
        return len(seen)


def parse_grid(text):
    return Grid(line.strip() for line in text.strip().splitlines())
`
    const map = ['..#..', '..#..', '###..', '.....', '#.#.#'].map((row) =>
      row.replaceAll('#', wall),
    )
    const tests = `import sys

import pytest

from benchpkg.grid${i} import WALL, Grid, parse_grid

MAP = ${py(map.join('\n'))}


@pytest.fixture
def grid():
    return parse_grid(MAP)


@pytest.mark.parametrize(
    ("r", "c", "diagonal", "expected"),
    [(0, 0, False, 2), (0, 0, True, 3), (2, 2, False, 4), (2, 2, True, 8), (4, 4, False, 2), (0, 2, True, 5)],
)
def test_neighbors(grid, r, c, diagonal, expected):
    assert len(grid.neighbors(r, c, diagonal)) == expected


@pytest.mark.parametrize(("r", "c", "expected"), [(0, 0, 4), (0, 3, 13), (4, 1, 13), (0, 2, 0), (9, 9, 0)])
def test_region_size(grid, r, c, expected):
    assert grid.region_size(r, c) == expected


def test_dimensions_and_count(grid):
    assert (grid.height, grid.width) == (5, 5)
    assert grid.count(WALL) == 8


def test_ragged_rows():
    with pytest.raises(ValueError):
        Grid(["..", "."])


def test_empty_grid():
    with pytest.raises(ValueError):
        Grid([])


@pytest.mark.skipif(sys.platform != "plan9", reason="only meaningful on Plan 9")
def test_plan9_line_endings():
    assert parse_grid("..\\r\\n..").width == 2
`
    return { module, tests }
  },

  config: (i) => {
    const comment = '#;#;'[i]
    const module = `"""An INI-like configuration parser with typed values."""

COMMENT = ${py(comment)}
TRUE_WORDS = ("true", "yes", "on")
FALSE_WORDS = ("false", "no", "off")


class ConfigError(ValueError):
    def __init__(self, line_no, message):
        super().__init__(f"line {line_no}: {message}")
        self.line_no = line_no


def convert(value):
    low = value.lower()
    if low in TRUE_WORDS:
        return True
    if low in FALSE_WORDS:
        return False
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        pass
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\\"'":
        return value[1:-1]
    return value


def parse(text):
    result, section = {}, None
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.split(COMMENT, 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            if not line.endswith("]"):
                raise ConfigError(line_no, "unclosed section header")
            section = line[1:-1].strip()
            result.setdefault(section, {})
            continue
        if "=" not in line:
            raise ConfigError(line_no, "expected key = value")
        key, value = (part.strip() for part in line.split("=", 1))
        if not key:
            raise ConfigError(line_no, "empty key")
        target = result if section is None else result[section]
        target[key] = convert(value)
    return result
`
    const tests = `import pytest

from benchpkg.config${i} import COMMENT, ConfigError, convert, parse


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("Off", False), ("YES", True), ("42", 42), ("-7", -7), ("2.5", 2.5),
     ('"quoted"', "quoted"), ("'x'", "x"), ("plain", "plain"), ("", "")],
)
def test_convert(raw, expected):
    assert convert(raw) == expected
    assert type(convert(raw)) is type(expected)


def test_parse_sections_and_comments():
    text = f"""
    name = demo   {COMMENT} a comment
    [server]
    port = 8080
    debug = off
    {COMMENT} [ignored]
    [client]
    retries = 3
    """
    assert parse(text) == {"name": "demo", "server": {"port": 8080, "debug": False}, "client": {"retries": 3}}


@pytest.mark.parametrize(("text", "line_no"), [("[open", 1), ("a = 1\\nno equals", 2), ("x = 1\\n\\n = 2", 3)])
def test_parse_errors(text, line_no):
    with pytest.raises(ConfigError) as info:
        parse(text)
    assert info.value.line_no == line_no
`
    return { module, tests }
  },

  cache: (i) => {
    const capacity = 3 + i
    const module = `"""A least-recently-used cache and a memoizing decorator built on it."""
from collections import OrderedDict
from functools import wraps

CAPACITY = ${capacity}


class LRUCache:
    def __init__(self, capacity=CAPACITY):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._data = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key, default=None):
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        return default

    def put(self, key, value):
        if key in self._data:
            self._data.move_to_end(key)
        self._data[key] = value
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data

    @property
    def hit_rate(self):
        total = self.hits + self.misses
        return 0.0 if total == 0 else self.hits / total


def memoize(capacity=CAPACITY):
    def decorate(function):
        cache = LRUCache(capacity)
        missing = object()

        @wraps(function)
        def wrapper(*args):
            value = cache.get(args, missing)
            if value is missing:
                value = function(*args)
                cache.put(args, value)
            return value

        wrapper.cache = cache
        return wrapper

    return decorate
`
    const tests = `import pytest

from benchpkg.cache${i} import CAPACITY, LRUCache, memoize


@pytest.mark.parametrize("n", range(1, 9))
def test_size_never_exceeds_capacity(n):
    cache = LRUCache()
    for k in range(n):
        cache.put(k, k * k)
    assert len(cache) == min(n, CAPACITY)
    assert (n - 1) in cache


def test_eviction_order():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert "a" in cache and "b" not in cache


def test_hit_rate():
    cache = LRUCache()
    assert cache.hit_rate == 0.0
    cache.put(1, 1)
    cache.get(1)
    cache.get(2)
    assert cache.hit_rate == 0.5


def test_bad_capacity():
    with pytest.raises(ValueError):
        LRUCache(0)


def test_memoize_calls_once():
    calls = []

    @memoize()
    def square(x):
        calls.append(x)
        return x * x

    assert [square(3), square(3), square(4)] == [9, 9, 16]
    assert calls == [3, 4]
    assert square.cache.hits == 1
`
    return { module, tests }
  },
}

const PYPROJECT = `[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "benchpkg"
version = "1.4.2"
description = "A small package for timing the CI pipeline."
readme = "README.md"
license = { text = "MIT" }
authors = [{ name = "Bench Author", email = "bench@example.org" }]
classifiers = ["Programming Language :: Python :: 3", "License :: OSI Approved :: MIT License"]

[tool.setuptools.packages.find]
include = ["benchpkg*"]

[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "-ra"
`

/** Writes the project into dir (created if needed). Returns the module and test-file counts. */
export function makeProject(dir) {
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), text)
  }
  write('pyproject.toml', PYPROJECT)
  write('README.md', '# benchpkg\n\nGenerated by bench/pipeline/make-project.mjs.\n')
  write(
    'benchpkg/__init__.py',
    '"""benchpkg: helpers for timing a CI pipeline."""\n\n__version__ = "1.4.2"\n',
  )
  let modules = 0
  for (const [kind, generate] of Object.entries(KINDS)) {
    for (let i = 0; i < 4; i++) {
      const { module, tests } = generate(i)
      write(`benchpkg/${kind}${i}.py`, module)
      write(`tests/test_${kind}${i}.py`, tests)
      modules++
    }
  }
  return { modules, testFiles: modules }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2]
  if (!dir) {
    console.error('usage: node bench/pipeline/make-project.mjs DIR')
    process.exit(2)
  }
  console.log(makeProject(path.resolve(dir)))
}
