-- FTS5 merges the trigram index's segments once `automerge` of them share a level (4 by default), inside the commit
-- that writes a new one: past a few hundred thousand calls about one batch's commit in ten took 20-40 ms (up to
-- about 100), with every caller of that group commit waiting. At 16 the index merges less often: in a test of a
-- million calls written 1,024 at a time, commits took 2 ms on average instead of 4-6 (p90 0.7-0.8 ms instead of
-- 21-24), and a number search 1.66 ms instead of 1.48. FTS5 keeps the setting in the index's own config table.
INSERT INTO `calls_numbers` (`calls_numbers`, `rank`) VALUES ('automerge', 16);
