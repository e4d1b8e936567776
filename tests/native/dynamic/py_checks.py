# Run by tests/dynamic.test.mjs with /usr/bin/python3, natively and under x64vm; the
# two outputs must be equal byte for byte. Covers the interpreter's own C code (dict,
# str, int/float formatting), C extension modules (_json, _hashlib/_blake2, _sre,
# _decimal or _pydecimal) and a bit of everything the startup imports.
import json, hashlib, re, decimal, sys

# json: dumps/loads round trip, with floats, unicode, nesting and sorting
doc = {"name": "x64vm", "pi": 3.141592653589793, "tiny": 5e-324, "big": 1.7976931348623157e308,
       "neg": -0.0, "ints": [0, -1, 2**53 + 1, 10**30], "nested": {"a": [True, False, None], "s": "tab\tq\"\u00e9\u20ac\U0001f600"},
       "list": [i * 0.1 for i in range(12)]}
text = json.dumps(doc, sort_keys=True)
print(text)
back = json.loads(text)
print(back == doc, json.dumps(back, indent=2, ensure_ascii=False, sort_keys=True).encode('utf-8').hex()[:120])
print(json.loads('[1e400, -1e400, 1.5e-7, "\\ud83d\\ude00"]'))

# hashlib: sha256, md5, blake2b, over 64 KiB, and incremental updates
data = bytes((i * 2654435761 >> 13) & 0xff for i in range(1 << 12)) * 16
print(hashlib.sha256(data).hexdigest())
print(hashlib.md5(data).hexdigest())
print(hashlib.blake2b(data, digest_size=32, key=b'x64vm').hexdigest())
h = hashlib.sha256()
for k in range(0, len(data), 4093):
    h.update(data[k:k + 4093])
print(h.hexdigest(), hashlib.sha1(b'abc').hexdigest(), hashlib.sha512(b'').hexdigest()[:32])

# re: groups, named groups, substitutions with a function, findall, split, flags
log = "\n".join(f"2024-{m:02d}-{d:02d} user{m * d % 7} {'GET' if d % 3 else 'POST'} /p/{m * 31 + d} {200 + d % 4 * 101}" for m in range(1, 13) for d in range(1, 29, 5))
pat = re.compile(r"^(?P<date>\d{4}-(\d\d)-(\d\d)) (?P<user>\w+) (GET|POST) (/\S+) (\d{3})$", re.M)
rows = [m.groupdict() | {"g": m.group(2, 5, 7)} for m in pat.finditer(log)]
print(len(rows), rows[0], rows[-1])
print(re.sub(r"user(\d)", lambda m: f"U<{int(m.group(1)) * 11}>", log)[:200])
print(re.findall(r"/p/(\d*7)\b", log))
print(re.split(r"[\s/-]+", "a-b  c/d--e"), re.sub(r"(?i)(GET|post)", r"[\1]", "get POST Get"))
print(re.fullmatch(r"(a+)+b", "a" * 20 + "b") is not None, re.search(r"(?<=x)\d+(?!\d)", "abx123y").group())

# decimal: 50 digits of precision
decimal.getcontext().prec = 50
D = decimal.Decimal
print(D(1) / D(7), D(2).sqrt(), D(10).ln(), D(1).exp())
print((D("1.1") ** 100).quantize(D("1e-30")), D("123456789.987654321") * D("-0.000000001234"))
s = sum(D(1) / D(k * k) for k in range(1, 300))
print(s, (s * 6).sqrt())

# floats and ints through formatting
print(f"{2**0.5:.17g} {1e22:e} {0.1 + 0.2!r} {123456789 * 987654321} {2**200 % 1000003} {-7 // 2} {7.5 % -2}")
print(sorted({"pear": 3, "apple": 10, "fig": 7}.items(), key=lambda kv: (-kv[1], kv[0])))

# a small class
class Account:
    count = 0
    def __init__(self, owner, balance=0):
        self.owner, self.balance, self.log = owner, balance, []
        Account.count += 1
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"bad amount {amount}")
        self.balance += amount
        self.log.append(("dep", amount))
        return self
    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"
    def __lt__(self, other):
        return self.balance < other.balance

accts = [Account("ann", 5).deposit(10), Account("bob").deposit(3).deposit(4), Account("cy", 100)]
try:
    accts[0].deposit(-1)
except ValueError as e:
    print("error:", e)
print(sorted(accts), Account.count, accts[1].log, max(accts).owner)
sys.stdout.flush()
sys.stderr.write("to stderr\n")
# an uncaught exception: the traceback quotes this file's source line (exit status 1)
print(accts[0].balance / (len(accts) - 3))
