package io.firedrill.adapter.persistence.tokenstore;

import io.firedrill.adapter.persistence.readmodel.ReadModelCommits;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.application.port.out.RowBatches.Checkpoint;
import io.firedrill.application.port.out.RowBatches.ClaimLost;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.processing.streaming.segmenting.Segment;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.TokenStore;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.UnableToClaimTokenException;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.UnableToInitializeTokenException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Axon's {@link TokenStore} on PostgreSQL.
 *
 * <p>Every claim operation is one conditional {@code UPDATE}: a segment may be claimed by this node
 * when nobody owns it, when this node owns it, or when its owner's claim is older than the claim
 * timeout (the owner has died or stalled). Claim ages are measured with the database's clock.
 * Tokens are stored as JSON with their Axon type name; only Axon's own token types are read back.
 */
@ApplicationScoped
public class PgTokenStore implements TokenStore {

    private static final String CLAIMABLE =
            "(owner IS NULL OR owner = $3 OR claimed_at < clock_timestamp() - make_interval(secs => $4))";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final String nodeId;
    private final double claimTimeoutSeconds;
    private final Converter converter = new JacksonConverter(StoredPayloadMapper.create());

    @Inject
    public PgTokenStore(Pool pool,
                        @ConfigProperty(name = "firedrill.node-id") Optional<String> nodeId,
                        @ConfigProperty(name = "firedrill.token-store.claim-timeout", defaultValue = "PT30S") Duration claimTimeout) {
        this(pool, nodeId.orElseGet(PgTokenStore::defaultNodeId), claimTimeout);
    }

    /**
     * {@code pid@hostname} and a random suffix: two containers can share both (each its own pid 1, the same host
     * name), and two nodes under one name would take each other's claims for their own.
     */
    static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public PgTokenStore(Pool pool, String nodeId, Duration claimTimeout) {
        this.pool = pool;
        this.nodeId = nodeId;
        this.claimTimeoutSeconds = claimTimeout.toMillis() / 1000.0;
    }

    /** How long a claim lives without renewal before another node may take the segment. */
    public Duration claimTimeout() {
        return Duration.ofMillis(Math.round(claimTimeoutSeconds * 1000));
    }

    /**
     * Holds this node's claims of {@code segments} of {@code processor} until {@link Hold#release}: a transaction on a
     * connection of its own locks their rows {@code FOR SHARE}, so a rebuild's swap (which locks them for update)
     * cannot replace the read model's rows while this node writes them outside a batch's transaction. Fails with
     * {@link ClaimLost} when this node no longer claims all of them.
     */
    public CompletableFuture<Hold> hold(String processor, List<Integer> segments) {
        Checkpoint checkpoint = new Checkpoint(processor, segments, nodeId, 0);
        String lock = "SELECT segment FROM token_store_entry WHERE processor_name = $1 AND segment = ANY($2) AND owner = $3"
                + " ORDER BY segment FOR SHARE";
        Tuple values = Tuple.of(processor).addArrayOfInteger(segments.toArray(Integer[]::new)).addValue(nodeId);
        return hold(lock, values, rows -> rows == segments.size(), () -> new ClaimLost(checkpoint));
    }

    /**
     * Holds every segment row of {@code processor}, whoever claims them, until {@link Hold#release}: for a write to
     * the read model outside the processor's own runner (a retry of parked events), which a rebuild's swap must not
     * overlap either.
     */
    public CompletableFuture<Hold> holdAll(String processor) {
        return hold("SELECT segment FROM token_store_entry WHERE processor_name = $1 ORDER BY segment FOR SHARE",
                Tuple.of(processor), rows -> true, () -> new IllegalStateException("unreachable"));
    }

    private CompletableFuture<Hold> hold(String lock, Tuple values, java.util.function.IntPredicate enough,
                                         java.util.function.Supplier<RuntimeException> lost) {
        return pool.getConnection()
                .compose(connection -> connection.begin()
                        .compose(transaction -> connection.preparedQuery(lock).execute(values)
                                .compose(rows -> enough.test(rows.size())
                                        ? Future.succeededFuture(new Hold(connection, transaction, lock, values))
                                        : Future.<Hold>failedFuture(lost.get())))
                        .onFailure(failure -> connection.close()))
                .toCompletionStage().toCompletableFuture();
    }

    /** Claims held by {@link #hold}. */
    public static final class Hold {

        private final SqlConnection connection;
        private final Transaction transaction;
        private final String lock;
        private final Tuple values;

        private Hold(SqlConnection connection, Transaction transaction, String lock, Tuple values) {
            this.connection = connection;
            this.transaction = transaction;
            this.lock = lock;
            this.values = values;
        }

        /**
         * Runs the lock's statement again on the held session, so that PostgreSQL does not end it as idle in a
         * transaction (the pool's sessions allow 60 s) while the holder works on other connections; fails when the
         * session is gone (the locks with it).
         */
        public CompletableFuture<Void> touch() {
            return connection.preparedQuery(lock).execute(values).<Void>mapEmpty()
                    .toCompletionStage().toCompletableFuture();
        }

        /** Lets the claims go (ends the transaction and returns the connection). */
        public CompletableFuture<Void> release() {
            return transaction.commit().eventually(() -> connection.close())
                    .toCompletionStage().toCompletableFuture();
        }
    }

    /** The name this node claims segments under. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public CompletableFuture<List<Segment>> initializeTokenSegments(String processorName, int segmentCount,
                                                                    TrackingToken initialToken, ProcessingContext context) {
        List<Segment> segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, segmentCount - 1);
        List<Tuple> rows = new ArrayList<>();
        for (Segment segment : segments) {
            rows.add(entry(processorName, segment, initialToken));
        }
        return done(pool.withTransaction(connection -> connection
                        .preparedQuery("SELECT EXISTS (SELECT 1 FROM token_store_entry WHERE processor_name = $1) AS present")
                        .execute(Tuple.of(processorName))
                        .compose(present -> {
                            if (present.iterator().next().getBoolean("present")) {
                                return Future.failedFuture(new UnableToClaimTokenException(
                                        "Could not initialize segments of " + processorName + ": some segments are already present."));
                            }
                            return connection.preparedQuery(INSERT).executeBatch(rows);
                        }))
                .recover(failure -> Future.failedFuture(isUniqueViolation(failure)
                        ? new UnableToClaimTokenException("Could not initialize segments of " + processorName
                                + ": another node initialized them first.", failure)
                        : failure))
                .map(ignored -> segments));
    }

    @Override
    public CompletableFuture<Void> initializeSegment(TrackingToken token, String processorName, Segment segment,
                                                     ProcessingContext context) {
        return done(pool.preparedQuery(INSERT).execute(entry(processorName, segment, token))
                .recover(failure -> Future.failedFuture(isUniqueViolation(failure)
                        ? new UnableToInitializeTokenException("Segment " + segment.getSegmentId() + " of "
                                + processorName + " is already present.")
                        : failure))
                .mapEmpty());
    }

    @Override
    public CompletableFuture<Void> storeToken(TrackingToken token, String processorName, int segmentId,
                                              ProcessingContext context) {
        Tuple parameters = Tuple.of(processorName, segmentId, nodeId, claimTimeoutSeconds)
                .addValue(token == null ? null : json(token))
                .addValue(token == null ? null : token.getClass().getName());
        // Committed without waiting for the WAL flush (see ReadModelCommits): after a database crash a processor
        // may start from a slightly older token and see a few events again, which its handlers skip or redo.
        return oneRow(pool.withTransaction(connection -> connection.query(ReadModelCommits.WITHOUT_FLUSH).execute()
                .compose(set -> connection.preparedQuery("UPDATE token_store_entry SET token = $5::text::jsonb,"
                                + " token_type = $6, owner = $3, claimed_at = clock_timestamp()"
                                + " WHERE processor_name = $1 AND segment = $2 AND " + CLAIMABLE + " RETURNING segment")
                        .execute(parameters))), processorName, segmentId);
    }

    @Override
    public CompletableFuture<TrackingToken> fetchToken(String processorName, int segmentId, ProcessingContext context) {
        return done(claim(processorName, segmentId).map(row -> token(row)));
    }

    @Override
    public CompletableFuture<TrackingToken> fetchToken(String processorName, Segment segment, ProcessingContext context) {
        return done(claim(processorName, segment.getSegmentId()).compose(row -> {
            if (row.getInteger("mask") != segment.getMask()) {
                return Future.failedFuture(new UnableToClaimTokenException("Segment " + segment.getSegmentId() + " of "
                        + processorName + " has been split or merged since it was read (mask " + row.getInteger("mask")
                        + ", expected " + segment.getMask() + ")."));
            }
            return Future.succeededFuture(token(row));
        }));
    }

    @Override
    public CompletableFuture<Void> extendClaim(String processorName, int segmentId, ProcessingContext context) {
        return oneRow(pool.preparedQuery("UPDATE token_store_entry SET claimed_at = clock_timestamp()"
                        + " WHERE processor_name = $1 AND segment = $2 AND owner = $3 RETURNING segment")
                .execute(Tuple.of(processorName, segmentId, nodeId)), processorName, segmentId);
    }

    @Override
    public CompletableFuture<Void> releaseClaim(String processorName, int segmentId, ProcessingContext context) {
        return done(pool.preparedQuery("UPDATE token_store_entry SET owner = NULL, claimed_at = NULL"
                        + " WHERE processor_name = $1 AND segment = $2 AND owner = $3")
                .execute(Tuple.of(processorName, segmentId, nodeId))
                .mapEmpty());
    }

    @Override
    public CompletableFuture<Void> deleteToken(String processorName, int segmentId, ProcessingContext context) {
        return oneRow(pool.preparedQuery("DELETE FROM token_store_entry"
                        + " WHERE processor_name = $1 AND segment = $2 AND owner = $3 RETURNING segment")
                .execute(Tuple.of(processorName, segmentId, nodeId)), processorName, segmentId);
    }

    /**
     * Forgets every segment and token of a processor, so that it starts again from its initial token the
     * next time it runs. Only for a processor that runs on no node (a read model rebuild).
     */
    public CompletableFuture<Void> deleteProcessor(String processorName) {
        return done(pool.preparedQuery("DELETE FROM token_store_entry WHERE processor_name = $1")
                .execute(Tuple.of(processorName))
                .mapEmpty());
    }

    @Override
    public CompletableFuture<Segment> fetchSegment(String processorName, int segmentId, ProcessingContext context) {
        return done(pool.preparedQuery("SELECT segment, mask FROM token_store_entry WHERE processor_name = $1 AND segment = $2")
                .execute(Tuple.of(processorName, segmentId))
                .map(rows -> rows.size() == 0 ? null : segment(rows.iterator().next())));
    }

    @Override
    public CompletableFuture<List<Segment>> fetchSegments(String processorName, ProcessingContext context) {
        return done(pool.preparedQuery("SELECT segment, mask FROM token_store_entry WHERE processor_name = $1 ORDER BY segment")
                .execute(Tuple.of(processorName))
                .map(PgTokenStore::segments));
    }

    @Override
    public CompletableFuture<List<Segment>> fetchAvailableSegments(String processorName, ProcessingContext context) {
        return done(pool.preparedQuery("SELECT segment, mask FROM token_store_entry WHERE processor_name = $1"
                        + " AND " + CLAIMABLE.replace("$3", "$2").replace("$4", "$3") + " ORDER BY segment")
                .execute(Tuple.of(processorName, nodeId, claimTimeoutSeconds))
                .map(PgTokenStore::segments));
    }

    @Override
    public CompletableFuture<String> retrieveStorageIdentifier(ProcessingContext context) {
        return done(pool.preparedQuery("INSERT INTO token_store_identity (id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(UUID.randomUUID().toString()))
                .compose(ignored -> pool.query("SELECT id FROM token_store_identity").execute())
                .map(rows -> rows.iterator().next().getString("id")));
    }

    private static final String INSERT = "INSERT INTO token_store_entry (processor_name, segment, mask, token, token_type)"
            + " VALUES ($1, $2, $3, $4::text::jsonb, $5)";

    private Tuple entry(String processorName, Segment segment, TrackingToken token) {
        return Tuple.of(processorName, segment.getSegmentId(), segment.getMask(),
                token == null ? null : json(token), token == null ? null : token.getClass().getName());
    }

    private Future<Row> claim(String processorName, int segmentId) {
        return pool.preparedQuery("UPDATE token_store_entry SET owner = $3, claimed_at = clock_timestamp()"
                        + " WHERE processor_name = $1 AND segment = $2 AND " + CLAIMABLE
                        + " RETURNING mask, token::text AS token, token_type")
                .execute(Tuple.of(processorName, segmentId, nodeId, claimTimeoutSeconds))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next())
                        : unableToClaim(processorName, segmentId));
    }

    /** Why a claim failed: no such segment, or another node holds a live claim on it. */
    private <T> Future<T> unableToClaim(String processorName, int segmentId) {
        return pool.preparedQuery("SELECT owner FROM token_store_entry WHERE processor_name = $1 AND segment = $2")
                .execute(Tuple.of(processorName, segmentId))
                .compose(rows -> Future.failedFuture(new UnableToClaimTokenException(rows.size() == 0
                        ? "No token was initialized for segment " + segmentId + " of processor " + processorName + "."
                        : "Segment " + segmentId + " of processor " + processorName + " is claimed by "
                                + rows.iterator().next().getString("owner") + ", not by " + nodeId + ".")));
    }

    private String json(TrackingToken token) {
        return new String(converter.convert(token, byte[].class), StandardCharsets.UTF_8);
    }

    private TrackingToken token(Row row) {
        String type = row.getString("token_type");
        if (type == null) {
            return null;
        }
        if (!type.startsWith("org.axonframework.")) {
            throw new IllegalStateException("refusing to read a token of type " + type + ": only Axon's token types are stored");
        }
        try {
            Class<?> tokenClass = Class.forName(type, false, TrackingToken.class.getClassLoader());
            return (TrackingToken) converter.convert(row.getString("token").getBytes(StandardCharsets.UTF_8), tokenClass);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown token type " + type, e);
        }
    }

    private static Segment segment(Row row) {
        return new Segment(row.getInteger("segment"), row.getInteger("mask"));
    }

    private static List<Segment> segments(RowSet<Row> rows) {
        List<Segment> segments = new ArrayList<>();
        rows.forEach(row -> segments.add(segment(row)));
        return segments;
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /** Succeeds when the statement changed this node's row of the segment; fails to claim otherwise. */
    private CompletableFuture<Void> oneRow(Future<RowSet<Row>> statement, String processorName, int segmentId) {
        return done(statement.compose(rows -> rows.size() == 1
                ? Future.<Void>succeededFuture() : unableToClaim(processorName, segmentId)));
    }

    private static <T> CompletableFuture<T> done(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }
}
