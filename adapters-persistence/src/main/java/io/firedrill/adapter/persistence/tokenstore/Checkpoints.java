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

    private static final String STORE = "UPDATE token_store_entry SET token = jsonb_build_object('globalIndex', $4::bigint),"
            + " token_type = $5, claimed_at = clock_timestamp()"
            + " WHERE processor_name = $1 AND segment = $2 AND owner = $3 RETURNING segment";

    private Checkpoints() {
    }

    /** Moves the checkpoint on {@code connection}; fails with {@link ClaimLost} when this node lost the claim. */
    public static Future<Void> store(SqlConnection connection, Checkpoint checkpoint) {
        return connection.preparedQuery(STORE)
                .execute(Tuple.of(checkpoint.processor(), checkpoint.segment(), checkpoint.owner(), checkpoint.position(),
                        GlobalSequenceTrackingToken.class.getName()))
                .compose(rows -> rows.size() == 1 ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new ClaimLost(checkpoint)));
    }
}
