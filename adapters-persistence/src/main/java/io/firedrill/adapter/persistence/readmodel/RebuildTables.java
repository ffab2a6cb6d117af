package io.firedrill.adapter.persistence.readmodel;

import io.firedrill.application.port.out.RowBatches;
import java.util.List;

/**
 * The tables a read model is kept in, for a rebuild that fills copies of them while the live ones keep serving and
 * then replaces the live rows in one transaction ({@code PgRebuilds}).
 */
public interface RebuildTables {

    /** The tables, in the order they are replaced. */
    List<Table> tables();

    /**
     * A table of a read model.
     *
     * @param name the live table
     * @param rebuilt whether the rebuild fills a copy of it ({@code false}: derived data that is emptied when the
     *     rebuilt rows replace the live ones, and recomputed from them later)
     * @param version a column of mark versions that a job compares before it removes a mark, or {@code null}: copied
     *     rows get versions above every live one, and a derived table's marks are kept with raised versions, so a job
     *     that read a version before the swap cannot remove a mark made for the rebuilt rows
     */
    record Table(String name, boolean rebuilt, String version) {

        public Table(String name, boolean rebuilt) {
            this(name, rebuilt, null);
        }
    }

    /** The name of {@code table}'s copy for {@code target}: the table itself for the live read model. */
    static String name(String table, RowBatches.Target target) {
        return target == RowBatches.Target.LIVE ? table : table + "__rebuild";
    }
}
