package io.firedrill.adapter.persistence.pool;

import io.vertx.sqlclient.SqlConnectOptions;
import java.util.function.Predicate;

/**
 * Statements that must be planned for their parameters on every call. Prepared statements are cached per connection
 * (parsed once), and after five runs PostgreSQL may plan a cached statement once for any parameters (a generic plan).
 * For a read of one subject's events by its tags, that plan cannot tell a rare tag (an incident's id) from one every
 * event carries (the tenant), and it walked the whole log. A statement that starts with {@link #MARK} is not cached: it
 * is prepared unnamed and planned with its parameters each time, at the cost of a second round trip (Parse and
 * Describe, then Bind and Execute) and the planning.
 */
public final class PlanPerCall {

    /** The comment a statement starts with to be planned on every call. */
    public static final String MARK = "/* plan per call */ ";

    private PlanPerCall() {
    }

    /**
     * Keeps statements that start with {@link #MARK} out of the connection's prepared statement cache, besides those
     * its filter kept out already (Vert.x's default: 2,048 characters or more).
     */
    public static <T extends SqlConnectOptions> T configure(T options) {
        Predicate<String> cached = options.getPreparedStatementCacheSqlFilter();
        options.setPreparedStatementCacheSqlFilter(sql -> !sql.startsWith(MARK) && cached.test(sql));
        return options;
    }
}
