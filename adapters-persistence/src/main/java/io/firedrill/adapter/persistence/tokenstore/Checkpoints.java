package io.firedrill.adapter.persistence.tokenstore;

import io.firedrill.application.port.out.RowBatches.Checkpoint;
import io.firedrill.application.port.out.RowBatches.ClaimLost;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.axonframework.messaging.eventhandling.processing.streaming.token.GlobalSequenceTrackingToken;

/**
 * A batched read model's checkpoint, stored in the token store's row of its segment (as the global sequence token
 * Axon's processors store, so gauges and operators read both alike) inside the transaction that writes the batch's
 * rows, and fenced: only the node that owns the segment's claim moves it, renewing the claim as it does.
 */
public final class Checkpoints {

    /** Locks the rows in segment order first (as a rebuild's swap does), so the two never deadlock. */
    private static final String STORE = "WITH locked AS (SELECT segment FROM token_store_entry WHERE processor_name = $1"
            + " AND segment = ANY($2) AND owner = $3 ORDER BY segment FOR UPDATE)"
            + " UPDATE token_store_entry t SET token = jsonb_build_object('globalIndex',"
            + " greatest(coalesce((t.token ->> 'globalIndex')::bigint, -1), $4::bigint)), token_type = $5,"
            + " claimed_at = clock_timestamp() FROM locked"
            + " WHERE t.processor_name = $1 AND t.segment = locked.segment AND t.owner = $3 RETURNING t.segment";

    private Checkpoints() {
    }

    /**
     * Moves the checkpoints on {@code connection} (a segment already past the position stays where it is); fails
     * with {@link ClaimLost} when this node lost the claim of any of them.
     */
    public static Future<Void> store(SqlConnection connection, Checkpoint checkpoint) {
        return connection.preparedQuery(STORE)
                .execute(Tuple.of(checkpoint.processor()).addArrayOfInteger(checkpoint.segments().toArray(Integer[]::new))
                        .addValue(checkpoint.owner()).addValue(checkpoint.position())
                        .addValue(GlobalSequenceTrackingToken.class.getName()))
                .compose(rows -> rows.size() == checkpoint.segments().size() ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new ClaimLost(checkpoint)));
    }
}
