-- Run by tests/dynamic.test.mjs through sqlite3 (natively and under x64vm, outputs
-- compared): 30000 rows from a recursive CTE, aggregates with GROUP BY and ORDER BY,
-- an index and the query plan that uses it, joins, number formatting, errors.
.headers on
.mode list
CREATE TABLE t(id INTEGER PRIMARY KEY, grp INTEGER, val INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
INSERT INTO t SELECT i, (i * 7919) % 97, (i * 2654435761) % 100003 FROM n;
SELECT count(*), sum(grp), sum(val), min(val), max(val), round(avg(val) / 7.0, 6) FROM t;
CREATE INDEX t_grp ON t(grp);
EXPLAIN QUERY PLAN SELECT grp, count(*) FROM t WHERE grp BETWEEN 10 AND 12 GROUP BY grp;
SELECT grp, count(*) AS n, round(avg(val) / 7.0, 6) AS mean, max(val) - min(val) AS spread,
       group_concat(id % 10, '') FILTER (WHERE id < 1000) AS digits
  FROM t WHERE grp < 40 GROUP BY grp ORDER BY mean DESC, grp LIMIT 8;
CREATE TABLE g(grp INTEGER PRIMARY KEY, label TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 96)
INSERT INTO g SELECT i, printf('group-%03d', i) FROM n WHERE i % 3 <> 1;
SELECT g.label, count(t.id), printf('%.3e', sum(t.val * 1.5 * t.val)) FROM g JOIN t ON t.grp = g.grp
  WHERE g.grp % 4 = 0 GROUP BY g.label HAVING count(t.id) > 309 ORDER BY 2 DESC, 1 LIMIT 6;
SELECT count(*) FROM t LEFT JOIN g USING (grp) WHERE g.label IS NULL;
SELECT upper(hex('x64')), typeof(1e308 * 10), 1e308 * 10, 7 / 2, 7 / 2.0, -7 % 3, printf('%.20g|%5.1f|%x', 0.1, -2.25, 255);
SELECT abs(-9223372036854775807 - 1);
SELECT * FROM nosuchtable;
