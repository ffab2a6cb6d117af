package io.firedrill.adapter.persistence.readmodel;

/**
 * Read models and processor tokens are derived from the event log, so their transactions commit without waiting
 * for PostgreSQL to flush the write-ahead log ({@code synchronous_commit = off} for that transaction only). A
 * database crash can then lose the last fraction of a second of such commits, never a part of one, and always the
 * latest ones: the log is flushed in order, and a processor stores its token after its handler's transaction has
 * committed, so a lost read model write always comes with a lost token, and the event is projected again
 * (idempotently, by log position). Appends to the event log keep waiting for the flush.
 */
public final class ReadModelCommits {

    /** The first statement of such a transaction. */
    public static final String WITHOUT_FLUSH = "SET LOCAL synchronous_commit = off";

    private ReadModelCommits() {
    }
}
