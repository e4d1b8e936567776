// The busybox applet invocations compared by tests/busybox.test.mjs.
// Each case: [name, argv after /bin/busybox, stdin (optional)]. Every case
// runs in a fresh empty temporary directory with PATH pointing nowhere, so
// busybox's shell uses its own applets.

import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './build.mjs';

const WORDS = fs.readFileSync(path.join(REPO, 'tests', 'programs', 'input', 'words.txt'));
const FRUIT = 'pear 3\napple 10\nbanana 2\napple 10\ncherry 7\npear 3\npear 3\nfig 12\nbanana 2\ndate 5\n';
const CSV = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' +
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin\nuser:x:1000:1000:A User,,,:/home/user:/bin/bash\n';

// [name, argv (after /bin/busybox), stdin?]
export const CASES = [
  ['sh-arith', ['sh', '-c', 'x=5; y=$((x * 7 + 3)); echo $y $((y % 4)) $((1 << 10)) $((-17 / 5)) $((0x1f ^ 7)); ' +
    'i=0; s=0; while [ $i -lt 100 ]; do i=$((i + 1)); s=$((s + i * i)); done; echo "sum $s"']],
  ['sh-builtins', ['sh', '-c', 'for w in alpha beta "gamma delta"; do echo "[$w]"; done; ' +
    'case foo.txt in *.c) echo C;; *.txt) echo TXT;; esac; f() { echo "fn $1 $#"; return 3; }; f a b c; echo "rc=$?"; ' +
    'v=hello; echo ${#v} ${v%lo} ${v#he} ${u:-default} ${v:+set}; set -- a b c; shift; echo "$@" $#; ' +
    'test 3 -gt 2 && echo yes || echo no; [ -z "" ] && echo empty; read a b <<EOF\nfirst second third\nEOF\necho "$b"; ' +
    'printf "%s-%d\\n" x 42; type echo; umask 022; umask']],
  ['sh-subshell-pipes', ['sh', '-c', '(echo sub; exit 3); echo "status $?"; x=$(echo cmd sub | tr a-z A-Z); echo "$x"; ' +
    'echo one two | { read a b; echo "$b $a"; }; seq 1 5 | while read n; do echo "n=$n"; done | tail -n 2; ' +
    'false | true; echo "pipe $?"; ! false && echo negated']],
  ['sh-exit-status', ['sh', '-c', 'echo before; exit 7']],
  ['sh-redirect-files', ['sh', '-c', 'echo hello > f; echo world >> f; cat f; wc -c < f; cat f nonexistent 2>&1; ' +
    'echo err >&2; mkdir d; touch d/b d/a d/c; ls d; ls d | wc -l; mv f d/g; ls d; rm -r d; ls']],
  ['sh-kill-self', ['sh', '-c', 'echo dying; kill -TERM $$; echo not reached']],
  ['echo', ['echo', '-e', 'tab\\there', 'newline\\nend', '\\x41\\0102', '-n?']],
  ['cat-n', ['cat', '-n', '-'], WORDS],
  ['sort', ['sort'], WORDS],
  ['sort-keys', ['sort', '-t', ' ', '-k2,2n', '-k1,1r'], FRUIT],
  ['sort-u-r', ['sort', '-u', '-r'], FRUIT],
  ['uniq-c', ['sh', '-c', 'sort | uniq -c'], FRUIT],
  ['wc', ['wc'], WORDS],
  ['head', ['head', '-n', '3'], WORDS],
  ['tail', ['tail', '-n', '4'], WORDS],
  ['tail-c', ['tail', '-c', '25'], WORDS],
  ['tr', ['tr', 'a-z', 'A-Z'], WORDS],
  ['tr-delete-squeeze', ['sh', '-c', 'tr -d aeiou | tr -s " " _'], WORDS],
  ['sed', ['sed', '-e', 's/the/THE/g', '-e', '/^$/d', '-e', '3,4s/[0-9]/#/g', '-e', '$a\\', '-e', 'appended'], WORDS],
  ['sed-n-p', ['sed', '-n', '/fox/p;/dog/='], WORDS],
  ['awk-sum', ['awk', '{ s[$1] += $2; n++ } END { for (k in s) t += s[k]; print n, t; print length(s) }'], FRUIT],
  // (Debian's busybox awk is built without math functions: no sqrt/exp.)
  ['awk-printf', ['awk', 'BEGIN { for (i = 1; i <= 12; i++) printf "%2d %8.4f %.6e %g %x %s\\n", i, 1 / i, i * i * i * 1e9 / 7, ' +
    'i / 7, i * 4095, substr("abcdefghijkl", i, 3); print int(-3.7), 1099511627776 * 3, 10 % 3, index("hello", "ll"); ' +
    'x = "a,b,,c"; n = split(x, p, ","); print n, p[4]; s = "foo bar foo"; gsub(/foo/, "X", s); print s, toupper(s) }']],
  ['awk-fields', ['awk', '-F:', '$3 >= 1 { print NR ": " $1 " uid=" $3 " shell=" $NF } END { print NR " lines" }'], CSV],
  ['grep', ['grep', '-n', '-i', 'the'], WORDS],
  ['grep-count-invert', ['sh', '-c', 'grep -c fox; echo "rc=$?"'], WORDS],
  ['grep-E-o', ['grep', '-E', '-o', '[0-9]+(\\.[0-9]+)?'], WORDS],
  ['grep-no-match', ['grep', 'zzzz'], WORDS],
  ['md5sum', ['md5sum'], WORDS],
  ['sha256sum', ['sha256sum'], WORDS],
  ['sha1-sha512', ['sh', '-c', 'sha1sum; seq 1000 | sha512sum; seq 1000 | sha3sum'], WORDS],
  ['gzip-roundtrip', ['sh', '-c', 'seq 1 5000 > in.txt; gzip -9 -c in.txt > in.gz; wc -c < in.gz; ' +
    'gunzip -c in.gz | md5sum; md5sum < in.txt; seq 1 3000 | gzip | gunzip | tail -n 1; ' +
    'gzip in.txt; ls; gunzip in.txt.gz; ls; cmp in.txt in.txt && echo same']],
  ['gzip-stdin-bytes', ['sh', '-c', 'gzip -c | md5sum'], WORDS],
  ['bzip2-xz', ['sh', '-c', 'seq 1 2000 | bzip2 | bunzip2 | md5sum; seq 1 2000 | bzip2 | wc -c']],
  ['seq', ['sh', '-c', 'seq 1 3 20; seq -w 8 11; seq -s, 5 -1 1; seq 0.5 0.25 2']],
  ['expr', ['sh', '-c', 'expr 6 \\* 7; expr 100 / 7 % 5; expr length hello; expr substr abcdef 2 3; ' +
    'expr index hello l; expr abc : "a\\(.*\\)"; expr 3 \\< 10; expr 0; echo "rc=$?"']],
  ['date', ['date', '-u', '-d', '@1234567890']],
  ['date-format', ['date', '-u', '-d', '@1700000000', '+%Y-%m-%d %H:%M:%S %j %a %b %s %%']],
  ['xxd', ['xxd'], WORDS.subarray(0, 100)],
  ['xxd-p-r', ['sh', '-c', 'xxd -p | tee hex | xxd -r -p | md5sum; wc -l < hex'], WORDS],
  ['cut', ['cut', '-d:', '-f1,3,7'], CSV],
  ['cut-c', ['cut', '-c', '2-6,10-'], WORDS],
  ['printf', ['printf', '%5d|%-5s|%x|%o|%e|%.3f|%c|%%|%s\\n', '42', 'ab', '255', '8', '12345.678', '3.14159', 'xyz', 'end']],
  ['basename-dirname', ['sh', '-c', 'basename /a/b/c.txt .txt; basename /; dirname /a/b/c.txt; dirname c; ' +
    'dirname /a/; basename a/b/']],
  ['od', ['od', '-A', 'x', '-t', 'x1', '-v'], WORDS.subarray(0, 64)],
  ['od-c-d', ['sh', '-c', 'od -c | head -n 4; printf "\\001\\002\\377\\100" | od -t d2 -t u1'], WORDS],
  ['hexdump-C', ['hexdump', '-C'], WORDS.subarray(0, 80)],
  ['factor', ['factor', '1234567890', '999999999989', '600851475143', '2', '1']],
  ['dc-bc', ['sh', '-c', 'echo "2 128 ^ p 7 k 1 3 / p" | dc; echo "scale=20; 4*a(1); 2^100; sqrt(2)" | bc -l']],
  ['find-tar', ['sh', '-c', 'mkdir -p x/y/z; echo 1 > x/a; echo 22 > x/y/b; echo 333 > x/y/z/c; find x | sort; ' +
    'find x -type f -name "[ab]" | sort; tar cf t.tar x; tar tf t.tar | sort; rm -r x; tar xf t.tar; cat x/y/z/c; du -a x | wc -l']],
  ['rev-tac-nl', ['sh', '-c', 'rev | tac | nl -ba'], WORDS],
  ['fold-paste-cmp', ['sh', '-c', 'fold -w 17 | head -n 5; seq 3 > a; seq 2 4 > b; paste a b; paste -sd+ a; ' +
    'cmp a b; echo "cmp rc=$?"'], WORDS],
  ['base64', ['sh', '-c', 'base64 | tee enc | head -n 3; base64 -d < enc | md5sum'], WORDS],
  ['true-false', ['sh', '-c', 'true; echo $?; false; echo $?; busybox false']],
  ['stat-ls-l', ['sh', '-c', 'printf 12345 > f; chmod 640 f; stat -c "%n %s %a %F" f; ls -l f | cut -c 1-10; ' +
    'ln -s f l; readlink l; stat -c %F l; realpath l | sed "s,.*/,,"']],
];
