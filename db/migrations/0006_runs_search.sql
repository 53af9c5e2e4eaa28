-- Text search over each run's trigger item (Run history "Search"): an FTS5 index of the item's
-- values (not its keys), kept by triggers so every writer of `runs` keeps it right.
CREATE VIRTUAL TABLE `runs_search` USING fts5(`text`, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `runs_search_insert` AFTER INSERT ON `runs` BEGIN
  INSERT INTO `runs_search` (rowid, `text`)
  SELECT new.id, substr(group_concat(value, ' '), 1, 4000) FROM json_tree(new.trigger_data) WHERE type IN ('text', 'integer', 'real');
END;
--> statement-breakpoint
CREATE TRIGGER `runs_search_delete` AFTER DELETE ON `runs` BEGIN
  DELETE FROM `runs_search` WHERE rowid = old.id;
END;
