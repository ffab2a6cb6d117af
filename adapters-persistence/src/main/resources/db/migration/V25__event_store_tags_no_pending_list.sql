-- Stream reads look events up by tag through event_store_event_tags on every command and read (issues 22 and 26).
-- With GIN's fast update on (PostgreSQL's default), new entries wait in a pending list that every lookup scans in
-- full until (auto)vacuum merges it: under a burst of appends (1,000 drill runs starting in a minute, a busy incident)
-- the list grew to thousands of entries and each lookup to several milliseconds. Off, each insert updates the index
-- itself; appends measured no slower (issue 26's profile). The pending entries already there are merged now.
ALTER INDEX event_store_event_tags SET (fastupdate = off);
SELECT gin_clean_pending_list('event_store_event_tags'::regclass);
