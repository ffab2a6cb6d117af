-- Wakes the read models' runners when events are appended (issue 20): every statement that inserts into the event
-- log also queues a notification on channel firedrill_event_log, which PostgreSQL delivers when the transaction
-- commits (never for one that rolls back) and folds into one per transaction. Listeners read the log from their own
-- checkpoints, so the notification carries nothing; a listener that misses one finds the events at its next poll.
CREATE OR REPLACE FUNCTION event_store_event_append_lock() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM set_config('idle_in_transaction_session_timeout', '5s', true);
    PERFORM pg_advisory_xact_lock(5064669713407297862);
    PERFORM pg_notify('firedrill_event_log', '');
    RETURN NULL;
END
$$;
